import { In, IsNull, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { EventType, MemberStatus, collapseWhitespace, foldVietnamese, todayInVietnam } from '@khg/domain';
import {
  badInput,
  conflict,
  connectionOf,
  decodeCursor,
  encodeCursor,
  newId,
  notFound,
  pageSize,
  requireId,
  requireWriterWithin,
  type Caller,
  type Outbox,
} from '@khg/platform';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationService } from '../organizations/organization.service';
import { Member, MemberStatusChange, MembershipPeriod, type MemberConnection } from './member.entity';
import { MemberOrder, type AdmitMemberInput } from './member.input';
import { MemberSearch, SEARCH_COUNT_BOUND, searchPatterns } from './member-search';
import { orgMemberIds, orgMembersKey, type OrgMembersKey } from './org-member-pages';

export interface MemberFilter {
  first?: number | null;
  after?: string | null;
  organizationId?: string | null;
  /** with organizationId: also the members of every organisation below it */
  includeDescendants?: boolean;
  status?: MemberStatus | null;
  search?: string | null;
  /** with search: NEWEST_LAST (the default) or BEST_MATCH */
  order?: MemberOrder | null;
}

const FINAL: MemberStatus[] = [MemberStatus.DECEASED];

/** A page in id order (rows read one past it), its total counted exactly. */
function connection(rows: Member[], first: number, totalCount: number): MemberConnection {
  return {
    ...connectionOf(
      rows.map((node) => ({ cursor: encodeCursor(node.id), node })),
      first,
      totalCount,
    ),
    totalCountIsEstimate: false,
  };
}

export class MemberService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly orgs: OrganizationService,
  ) {}

  async byIds(ids: readonly string[]): Promise<Member[]> {
    return this.ds.getRepository(Member).findBy({ id: In([...ids]) });
  }

  async periodsOf(memberIds: readonly string[]): Promise<MembershipPeriod[]> {
    return this.ds.getRepository(MembershipPeriod).find({ where: { memberId: In([...memberIds]) }, order: { from: 'ASC', id: 'ASC' } });
  }

  /**
   * A page of members, whatever the page size in a constant number of statements: without a name
   * search two (page and exact total); with one see MemberSearch (the count bounded, BEST_MATCH
   * ranked from the indexes).
   */
  async page(f: MemberFilter): Promise<MemberConnection> {
    const first = pageSize(f.first);
    if (f.organizationId) requireId('Organization', f.organizationId, 'organizationId');
    const scoped = () => this.scoped(f);
    const search = f.search ? foldVietnamese(f.search) : '';
    if (search) {
      const searching = new MemberSearch(this.ds, scoped, searchPatterns(search));
      return f.order === MemberOrder.BEST_MATCH ? searching.ranked(first, f.after) : searching.byId(first, f.after);
    }
    const qb = scoped();
    const total = qb.clone().getCount();
    if (f.after) qb.andWhere('m.id > :after', { after: decodeCursor(f.after) });
    const rows =
      first === 0
        ? []
        : await qb
            .orderBy('m.id', 'ASC')
            .limit(first + 1)
            .getMany();
    return connection(rows, first, await total);
  }

  /** Members of the filter's organisation (or subtree) and status, alias `m`. */
  private scoped(f: MemberFilter): SelectQueryBuilder<Member> {
    const qb = this.ds.getRepository(Member).createQueryBuilder('m');
    if (f.organizationId) {
      if (f.includeDescendants) {
        // The subtree's organisation ids first, as an array: the scan of members is then narrowed by
        // members_organization (and combined with the name index) instead of joining after it.
        qb.andWhere('m.organization_id = ANY(ARRAY(SELECT o.id FROM organizations o WHERE o.path <@ (SELECT p.path FROM organizations p WHERE p.id = :org)))', {
          org: f.organizationId,
        });
      } else {
        qb.andWhere('m.organization_id = :org', { org: f.organizationId });
      }
    }
    if (f.status) qb.andWhere('m.status = :status', { status: f.status });
    return qb;
  }

  /**
   * `Organization.members` for every organisation of a list at once: two statements (the pages'
   * ids and counts, then the members) however many organisations. A name search past the count
   * bound is asked again on its own, for the estimate.
   */
  async organizationPages(keys: readonly OrgMembersKey[]): Promise<{ key: string; connection: MemberConnection }[]> {
    const pages = await orgMemberIds(this.ds, keys, SEARCH_COUNT_BOUND);
    const members = new Map((await this.byIds([...new Set(pages.flatMap((p) => p.ids))])).map((m) => [m.id, m]));
    return Promise.all(
      pages.map(async (p) => {
        const first = pageSize(p.key.first);
        const estimate = p.key.search && p.count > SEARCH_COUNT_BOUND;
        return {
          key: orgMembersKey(p.key),
          connection: estimate
            ? await this.page(p.key)
            : connection(
                p.ids.map((id) => members.get(id)!),
                first,
                p.count,
              ),
        };
      }),
    );
  }

  /** Loads a member the caller may write for (inside its organisation's subtree). */
  async writable(em: EntityManager, caller: Caller, memberId: string, action: string): Promise<{ member: Member; org: Organization }> {
    requireId('Member', memberId, 'memberId');
    const member = await em.findOne(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
    if (!member) throw notFound('Member', memberId);
    const org = await em.findOneByOrFail(Organization, { id: member.organizationId });
    requireWriterWithin(caller, this.orgs.ancestry(org), action);
    return { member, org };
  }

  async admit(caller: Caller, input: AdmitMemberInput): Promise<Member> {
    if (input.joinedOn > todayInVietnam()) throw badInput(`joinedOn ${input.joinedOn} is in the future`);
    if (input.birthYear && input.birthYear > +input.joinedOn.slice(0, 4)) throw badInput('birthYear is after joinedOn');
    return this.ds.transaction(async (em) => {
      const org = await this.orgs.writable(em, caller, input.organizationId, 'organizationId', 'Admitting a member');
      if (org.closedOn) throw badInput(`${org.name} was dissolved on ${org.closedOn}; admit the member to its successor`);
      const fullName = collapseWhitespace(input.fullName);
      const member = em.create(Member, {
        id: newId('Member'),
        organizationId: org.id,
        fullName,
        searchName: foldVietnamese(fullName),
        gender: input.gender ?? null,
        birthYear: input.birthYear ?? null,
        phone: input.phone?.trim() ?? null,
        joinedOn: input.joinedOn,
        status: MemberStatus.ACTIVE,
      });
      await em.insert(Member, member);
      await em.insert(MembershipPeriod, { memberId: member.id, organizationId: org.id, from: input.joinedOn, to: null, reason: 'admitted' });
      await em.insert(MemberStatusChange, { memberId: member.id, status: MemberStatus.ACTIVE, changedOn: input.joinedOn });
      await this.outbox.append(em, caller, { type: EventType.MEMBER_ADMITTED, subjectId: member.id, areaId: org.areaId, payload: { organizationId: org.id } });
      return member;
    });
  }

  async changeStatus(caller: Caller, memberId: string, status: MemberStatus): Promise<Member> {
    return this.ds.transaction(async (em) => {
      const { member, org } = await this.writable(em, caller, memberId, 'Changing a member’s status');
      if (member.status === status) throw conflict(`The member is already ${status}`, { currentStatus: member.status });
      if (FINAL.includes(member.status)) throw conflict(`The member is ${member.status}; that status is final`, { currentStatus: member.status });
      const from = member.status;
      member.status = status;
      await em.update(Member, { id: member.id }, { status });
      await em.insert(MemberStatusChange, { memberId: member.id, status, changedOn: todayInVietnam() });
      await this.outbox.append(em, caller, { type: EventType.MEMBER_STATUS_CHANGED, subjectId: member.id, areaId: org.areaId, payload: { from, to: status } });
      return member;
    });
  }

  async transfer(caller: Caller, memberId: string, organizationId: string, on: string, reason: string | null): Promise<Member> {
    if (reason && reason.length > 500) throw badInput('reason must be at most 500 characters');
    return this.ds.transaction(async (em) => {
      const { member } = await this.writable(em, caller, memberId, 'Transferring a member out of its organisation');
      const target = await this.orgs.writable(em, caller, organizationId, 'organizationId', 'Transferring a member into an organisation');
      if (target.id === member.organizationId) throw badInput('The member already belongs to that organisation');
      if (target.closedOn) throw badInput(`${target.name} was dissolved on ${target.closedOn}`);
      if ([MemberStatus.RESIGNED, MemberStatus.DECEASED].includes(member.status))
        throw conflict(`A ${member.status} member cannot be transferred`, { currentStatus: member.status });
      const open = await em.findOneByOrFail(MembershipPeriod, { memberId: member.id, to: IsNull() });
      if (on <= open.from) throw badInput(`on (${on}) must be after the start of the current membership (${open.from})`);
      await em.update(MembershipPeriod, { id: open.id }, { to: on });
      await em.insert(MembershipPeriod, { memberId: member.id, organizationId: target.id, from: on, to: null, reason: reason?.trim() || null });
      await em.update(Member, { id: member.id }, { organizationId: target.id });
      member.organizationId = target.id;
      await this.outbox.append(em, caller, {
        type: EventType.MEMBER_TRANSFERRED,
        subjectId: member.id,
        areaId: target.areaId,
        payload: { from: open.organizationId, to: target.id, on },
      });
      return member;
    });
  }
}
