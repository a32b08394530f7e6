import { In, type DataSource, type EntityManager } from 'typeorm';
import { EventType } from '@khg/domain';
import {
  badInput,
  conflict,
  newId,
  notFound,
  requireId,
  requireWriterWithin,
  type Caller,
  type MembershipDirectory,
  type OrganizationInfo,
  type Outbox,
} from '@khg/platform';
import { cleanText } from '../shared/validate';
import { Fund } from './fund.entity';

export interface FundFilter {
  organizationId?: string | null;
  areaId?: string | null;
}

/** What never changes about a fund once opened. */
export interface FundOwner {
  id: string;
  name: string;
  organizationId: string;
}

/** A province has a few thousand funds; the bound only keeps a runaway caller from growing the map. */
const MAX_REMEMBERED_FUNDS = 100_000;

export class FundService {
  private readonly owners = new Map<string, FundOwner>();

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly directory: MembershipDirectory,
  ) {}

  async byIds(ids: readonly string[]): Promise<Fund[]> {
    return this.ds.getRepository(Fund).findBy({ id: In([...ids]) });
  }

  async ofOrganizations(orgIds: readonly string[]): Promise<Fund[]> {
    return this.ds.getRepository(Fund).findBy({ organizationId: In([...orgIds]) });
  }

  async list(f: FundFilter): Promise<Fund[]> {
    const qb = this.ds.getRepository(Fund).createQueryBuilder('f');
    if (f.organizationId) qb.andWhere('f.organization_id = :org', { org: requireId('Organization', f.organizationId, 'organizationId') });
    if (f.areaId) qb.andWhere('f.area_ancestry @> ARRAY[:area]::text[]', { area: requireId('Area', f.areaId, 'areaId') });
    return qb.orderBy('f.name').addOrderBy('f.id').limit(5000).getMany();
  }

  /** The organisation as membership knows it now; NOT_FOUND when it does not exist. */
  async organization(id: string): Promise<OrganizationInfo> {
    const [org] = await this.directory.organizations([id]);
    if (!org) throw notFound('Organization', id);
    return org;
  }

  /**
   * A fund the caller may write in: ADMIN, or an OFFICER whose organisation is the fund's or above
   * it. Asked before the transaction, so no row lock is held while membership answers.
   */
  async writable(caller: Caller, fundId: string, argument: string, action: string): Promise<{ fund: Fund; org: OrganizationInfo }> {
    requireId('Fund', fundId, argument);
    const fund = await this.ds.getRepository(Fund).findOneBy({ id: fundId });
    if (!fund) throw notFound('Fund', fundId);
    const org = await this.organization(fund.organizationId);
    requireWriterWithin(caller, org.ancestry, action);
    return { fund, org };
  }

  /**
   * Like writable(), for the hot write path: a fund's name and organisation never change once it is
   * opened, so they are remembered per process and a donation does not read the fund's row before
   * its transaction (the transaction's UPDATE finds it, and fails if it is gone).
   */
  async writableOwner(caller: Caller, fundId: string, argument: string, action: string): Promise<{ fund: FundOwner; org: OrganizationInfo }> {
    requireId('Fund', fundId, argument);
    let fund = this.owners.get(fundId);
    if (!fund) {
      const row = await this.ds.getRepository(Fund).findOne({ where: { id: fundId }, select: { id: true, name: true, organizationId: true } });
      if (!row) throw notFound('Fund', fundId);
      fund = { id: row.id, name: row.name, organizationId: row.organizationId };
      if (this.owners.size >= MAX_REMEMBERED_FUNDS) this.owners.clear();
      this.owners.set(fundId, fund);
    }
    const org = await this.organization(fund.organizationId);
    requireWriterWithin(caller, org.ancestry, action);
    return { fund, org };
  }

  /** The fund row, locked until the transaction ends: every balance change goes through here. */
  async lock(em: EntityManager, fundId: string): Promise<Fund> {
    const fund = await em.findOne(Fund, { where: { id: fundId }, lock: { mode: 'pessimistic_write' } });
    if (!fund) throw notFound('Fund', fundId);
    return fund;
  }

  async open(caller: Caller, organizationId: string, name: string): Promise<Fund> {
    requireId('Organization', organizationId, 'organizationId');
    const clean = cleanText(name, 'name', 2, 200, '"Quỹ Khuyến học huyện Văn Lâm"');
    const org = await this.organization(organizationId);
    requireWriterWithin(caller, org.ancestry, 'Opening a fund');
    if (org.closedOn) throw badInput(`${org.name} was dissolved on ${org.closedOn}; open the fund for its successor`);
    return this.ds.transaction(async (em) => {
      const existing = await em.findOneBy(Fund, { organizationId });
      if (existing) throw conflict(`${org.name} already keeps a fund: ${existing.name}`, { existingId: existing.id });
      const fund = em.create(Fund, {
        id: newId('Fund'),
        name: clean,
        organizationId,
        areaId: org.areaId,
        areaAncestry: org.areaAncestry,
        balance: 0n,
        receiptsIssued: 0,
      });
      await em.insert(Fund, fund);
      await this.outbox.append(em, caller, { type: EventType.FUND_OPENED, subjectId: fund.id, areaId: org.areaId, payload: { organizationId } });
      return em.findOneByOrFail(Fund, { id: fund.id });
    });
  }
}
