import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { EventType } from '@khg/domain';
import { badInput, keysetPage, newId, orderedBy, requireAdmin, type Caller, type Connection, type Outbox, type SortKey } from '@khg/platform';
import { notInFuture, plausibleDate, requiredText } from '../shared/validate';
import { CooperationProgram } from './cooperation-program.entity';
import type { SignCooperationProgramInput } from './cooperation-program.input';

export interface CooperationFilter {
  partner?: string | null;
  activeOn?: string | null;
}

const OLDEST_SIGNED_FIRST: SortKey<CooperationProgram>[] = [
  { expr: 'c.signed_on', value: (c) => c.signedOn },
  { expr: 'c.id', value: (c) => c.id },
];

export class CooperationProgramService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  byIds(ids: readonly string[]): Promise<CooperationProgram[]> {
    return this.ds.getRepository(CooperationProgram).findBy({ id: In([...ids]) });
  }

  /** Programmes by signing date; `activeOn` keeps those signed by then and not yet expired (at most 2,000: page with `page`). */
  list(f: CooperationFilter): Promise<CooperationProgram[]> {
    return orderedBy(this.filtered(f), OLDEST_SIGNED_FIRST, 'ASC').limit(2000).getMany();
  }

  /** The same list a page at a time, oldest signed first. */
  page(f: CooperationFilter & { first?: number | null; after?: string | null }): Promise<Connection<CooperationProgram>> {
    return keysetPage(this.filtered(f), { keys: OLDEST_SIGNED_FIRST, direction: 'ASC', first: f.first, after: f.after });
  }

  private filtered(f: CooperationFilter): SelectQueryBuilder<CooperationProgram> {
    const qb = this.ds.getRepository(CooperationProgram).createQueryBuilder('c');
    if (f.partner) qb.andWhere('c.partner = :partner', { partner: f.partner.trim() });
    if (f.activeOn) {
      qb.andWhere('c.signed_on <= :on AND (c.valid_until IS NULL OR c.valid_until >= :on)', { on: plausibleDate(f.activeOn, 'activeOn') });
    }
    return qb;
  }

  async sign(caller: Caller, input: SignCooperationProgramInput): Promise<CooperationProgram> {
    requireAdmin(caller, 'Signing a cooperation programme');
    const title = requiredText(input.title, 'title', 500);
    const partner = requiredText(input.partner, 'partner', 200);
    const signedOn = notInFuture(plausibleDate(input.signedOn, 'signedOn'), 'signedOn');
    const validUntil = input.validUntil ? plausibleDate(input.validUntil, 'validUntil') : null;
    if (validUntil && validUntil < signedOn) throw badInput(`validUntil ${validUntil} is before signedOn ${signedOn}`, { argument: 'validUntil' });
    return this.ds.transaction(async (em) => {
      const program = em.create(CooperationProgram, { id: newId('CooperationProgram'), title, partner, signedOn, validUntil });
      await em.insert(CooperationProgram, program);
      await this.outbox.append(em, caller, { type: EventType.COOPERATION_PROGRAM_SIGNED, subjectId: program.id, areaId: null, payload: { partner, signedOn } });
      return program;
    });
  }
}
