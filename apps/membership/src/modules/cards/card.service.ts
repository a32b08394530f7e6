import type { DataSource } from 'typeorm';
import { CardStatus, EventType, MemberStatus, todayInVietnam } from '@khg/domain';
import { badInput, conflict, type Caller, type Outbox } from '@khg/platform';
import { Member } from '../members/member.entity';
import type { MemberService } from '../members/member.service';
import { MemberCard } from './card.entity';

/** Card numbers: the province's prefix and a sequence, so a number is never issued twice. */
export const CARD_PREFIX = 'HY';

export class CardService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly members: MemberService,
  ) {}

  /** Each member's ACTIVE card, or else its latest one. */
  async currentOf(memberIds: readonly string[]): Promise<MemberCard[]> {
    return this.ds
      .getRepository(MemberCard)
      .createQueryBuilder('c')
      .distinctOn(['c.member_id'])
      .where('c.member_id IN (:...ids)', { ids: [...memberIds] })
      .orderBy('c.member_id')
      .addOrderBy("(c.status = 'ACTIVE')", 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  async memberByNumber(number: string): Promise<Member | null> {
    const card = await this.ds.getRepository(MemberCard).findOneBy({ number: number.trim().toUpperCase() });
    return card ? this.ds.getRepository(Member).findOneBy({ id: card.memberId }) : null;
  }

  async issue(caller: Caller, memberId: string): Promise<Member> {
    return this.ds.transaction(async (em) => {
      const { member, org } = await this.members.writable(em, caller, memberId, 'Issuing a member card');
      if (member.status !== MemberStatus.ACTIVE)
        throw conflict(`Only ACTIVE members get a card; this member is ${member.status}`, { currentStatus: member.status });
      const active = await em.findOneBy(MemberCard, { memberId, status: CardStatus.ACTIVE });
      if (active) throw conflict(`The member already holds the ACTIVE card ${active.number}; retire it first`, { cardNumber: active.number });
      const [{ n }] = await em.query(`SELECT nextval('card_number_seq')::text AS n`);
      const number = `${CARD_PREFIX}-${String(n).padStart(7, '0')}`;
      await em.insert(MemberCard, { memberId, number, issuedOn: todayInVietnam(), status: CardStatus.ACTIVE, retiredOn: null });
      await this.outbox.append(em, caller, { type: EventType.CARD_ISSUED, subjectId: memberId, areaId: org.areaId, payload: { number } });
      return member;
    });
  }

  async retire(caller: Caller, memberId: string, status: CardStatus): Promise<Member> {
    if (status === CardStatus.ACTIVE) throw badInput('Retire a card as REVOKED or LOST; issue a new card to make one ACTIVE');
    return this.ds.transaction(async (em) => {
      const { member, org } = await this.members.writable(em, caller, memberId, 'Retiring a member card');
      const active = await em.findOneBy(MemberCard, { memberId, status: CardStatus.ACTIVE });
      if (!active) throw conflict('The member holds no ACTIVE card to retire');
      await em.update(MemberCard, { id: active.id }, { status, retiredOn: todayInVietnam() });
      await this.outbox.append(em, caller, {
        type: EventType.CARD_RETIRED,
        subjectId: memberId,
        areaId: org.areaId,
        payload: { number: active.number, status },
      });
      return member;
    });
  }
}
