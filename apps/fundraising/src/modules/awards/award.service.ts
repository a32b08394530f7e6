import { In, type DataSource } from 'typeorm';
import { AwardCategory, EventType, checkEntryAmount, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, conflict, newId, notFound, requireId, type Caller, type MembershipDirectory, type Outbox } from '@khg/platform';
import { LedgerKind } from '../funds/fund.entity';
import type { FundService } from '../funds/fund.service';
import { post } from '../funds/ledger';
import { cleanText } from '../shared/validate';
import { Award } from './award.entity';
import type { GrantAwardInput } from './award.input';

export class AwardService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly funds: FundService,
    private readonly directory: MembershipDirectory,
  ) {}

  async byIds(ids: readonly string[]): Promise<Award[]> {
    return this.ds.getRepository(Award).findBy({ id: In([...ids]) });
  }

  async list(f: { fundId?: string | null; year?: number | null; category?: AwardCategory | null }): Promise<Award[]> {
    const qb = this.ds.getRepository(Award).createQueryBuilder('a');
    if (f.fundId) qb.andWhere('a.fund_id = :fund', { fund: requireId('Fund', f.fundId, 'fundId') });
    if (f.year != null) {
      if (!isPlausibleYear(f.year)) throw badInput(`year ${f.year} is outside 1990–2100`);
      qb.andWhere('a.awarded_on >= make_date(:year, 1, 1) AND a.awarded_on < make_date(:year + 1, 1, 1)', { year: f.year });
    }
    if (f.category) qb.andWhere('a.category = :category', { category: f.category });
    return qb.orderBy('a.awarded_on').addOrderBy('a.id').limit(5000).getMany();
  }

  async grant(caller: Caller, input: GrantAwardInput): Promise<Award> {
    const amountProblem = checkEntryAmount(input.amount);
    if (amountProblem) throw badInput(amountProblem);
    if (input.awardedOn > todayInVietnam()) throw badInput(`awardedOn ${input.awardedOn} is in the future`);
    if (!isPlausibleYear(+input.awardedOn.slice(0, 4))) throw badInput(`awardedOn ${input.awardedOn} is outside 1990–2100`);
    requireId('Area', input.areaId, 'areaId');
    const recipientName = cleanText(input.recipientName, 'recipientName', 2, 300);
    const reason = input.reason == null || !input.reason.trim() ? null : cleanText(input.reason, 'reason', 1, 1000);
    const { fund, org } = await this.funds.writable(caller, input.fundId, 'fundId', 'Granting an award');
    const [area] = await this.directory.areas([input.areaId]);
    if (!area) throw notFound('Area', input.areaId);
    if (!area.ancestry.includes(fund.areaId)) throw badInput(`${area.name} is outside the area of ${fund.name}: a fund pays awards in its own area and below`);
    return this.ds.transaction(async (em) => {
      // The lock makes concurrent awards queue here: each sees the balance the previous one left.
      const locked = await this.funds.lock(em, fund.id);
      if (locked.balance < input.amount) {
        throw conflict(`${fund.name} holds ${locked.balance} dong; an award of ${input.amount} would overdraw it`, { balance: Number(locked.balance) });
      }
      const award = em.create(Award, {
        id: newId('Award'),
        fundId: fund.id,
        category: input.category,
        recipientName,
        areaId: area.id,
        amount: input.amount,
        awardedOn: input.awardedOn,
        reason,
      });
      await em.insert(Award, award);
      await post(em, locked, { kind: LedgerKind.AWARD, amount: -input.amount, entryOn: input.awardedOn, awardId: award.id });
      await this.outbox.append(em, caller, {
        type: EventType.AWARD_GRANTED,
        subjectId: award.id,
        areaId: org.areaId,
        payload: { fundId: fund.id, amount: Number(input.amount), category: input.category, recipientAreaId: area.id },
      });
      return em.findOneByOrFail(Award, { id: award.id });
    });
  }
}
