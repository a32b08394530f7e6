import { In, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  EventType,
  MemberStatus,
  type DomainEventInput,
  checkEntryAmount,
  collapseWhitespace,
  foldVietnamese,
  isPlausibleYear,
  todayInVietnam,
  typeOfId,
} from '@khg/domain';
import {
  DomainError,
  checkBulkSize,
  chunksOf,
  commonArea,
  forbidden,
  newId,
  requireAdmin,
  requireWriterWithin,
  rowsRefused,
  type Caller,
  type ImportOperation,
  type ImportWrites,
  type Outbox,
  type RowError,
} from '@khg/platform';
import { Area } from '../areas/area.entity';
import type { AdmitMemberInput } from '../members/member.input';
import { Member } from '../members/member.entity';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationService } from '../organizations/organization.service';
import { FeePayment } from '../fees/fee.entity';
import type { RecordFeePaymentInput } from '../fees/fee.input';
import type { AreaStatisticsRow } from './bulk.input';

/** Rows per multi-row INSERT: bounded parameter arrays, a few statements per 10,000 rows. */
const CHUNK = 5_000;
const PHONE = /^\+?[0-9][0-9 .-]{7,18}$/;

/**
 * The bulk writes behind imports and frontends' list entry: every row is checked first and a bad
 * list is refused whole with one error naming every bad row; a good list is written in chunks inside
 * ONE transaction, with the same event per row as the single mutation (the outbox's projections
 * see them the same way).
 */
export class BulkService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly orgs: OrganizationService,
    private readonly imports: ImportWrites,
  ) {}

  /** Rows by id in the order of `ids` (an import's earlier write, answered again). */
  private async byIds<T extends ObjectLiteral & { id: string }>(em: EntityManager, entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    const found = new Map((await em.getRepository(entity).createQueryBuilder('x').where('x.id = ANY(:ids)', { ids }).getMany()).map((r) => [r.id, r]));
    return ids.map((id) => found.get(id)!);
  }

  /**
   * Writes `chunks` in one transaction; with an import id, only once for that import (a replay is
   * answered with the first write's rows), with its progress after each chunk and IMPORT_FINISHED.
   */
  private async write<T extends ObjectLiteral & { id: string }, C>(
    a: {
      importId: string | null;
      operation: ImportOperation;
      caller: Caller;
      entity: EntityTarget<T>;
      ids: string[];
      chunks: C[][];
      areaId: string | null;
      result: () => T[];
    },
    writeChunk: (em: EntityManager, chunk: C[]) => Promise<DomainEventInput[]>,
  ): Promise<T[]> {
    const total = a.chunks.reduce((n, c) => n + c.length, 0);
    return this.ds.transaction(async (em) => {
      if (a.importId) {
        const earlier = await this.imports.claim(em, a.importId, a.operation, a.ids);
        if (earlier) return this.byIds(em, a.entity, earlier);
      }
      let done = 0;
      const events: DomainEventInput[] = [];
      for (const chunk of a.chunks) {
        for (const e of await writeChunk(em, chunk)) events.push(e);
        done += chunk.length;
        if (a.importId) await this.imports.progress(a.importId, done, total);
      }
      // one append for the whole list: the year-end figures are recomputed once, not once per chunk
      await this.outbox.appendMany(em, a.caller, events);
      if (a.importId) await this.imports.finished(em, a.caller, a.importId, a.operation, total, a.areaId);
      return a.result();
    });
  }

  /** Refuses writes outside the caller's subtree, naming a few rows (a FORBIDDEN for the whole list). */
  private checkSubtree(caller: Caller, rowsOf: Map<string, number[]>, ancestry: (id: string) => string[], action: string): void {
    const refused: number[] = [];
    for (const [id, rows] of rowsOf) {
      try {
        requireWriterWithin(caller, ancestry(id), action);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (caller.role !== 'OFFICER') throw e;
        refused.push(...rows);
      }
    }
    if (refused.length) {
      refused.sort((a, b) => a - b);
      throw forbidden(
        `${action}: ${refused.length} rows lie outside the subtree of your organisation ${caller.orgId}, e.g. row ${refused.slice(0, 5).join(', ')}; nothing was written`,
      );
    }
  }

  async admitMembers(caller: Caller, inputs: readonly AdmitMemberInput[], importId: string | null = null): Promise<Member[]> {
    checkBulkSize(inputs.length, 'inputs');
    const earlier = importId && (await this.imports.written(importId, 'admitMembers'));
    if (earlier) return this.byIds(this.ds.manager, Member, earlier);
    const errors: RowError[] = [];
    const today = todayInVietnam();
    const byOrg = new Map<string, number[]>();
    inputs.forEach((r, index) => {
      const name = collapseWhitespace(r.fullName ?? '');
      if (name.length < 2 || name.length > 200) errors.push({ index, field: 'fullName', message: 'fullName must be 2 to 200 characters' });
      if (r.joinedOn > today) errors.push({ index, field: 'joinedOn', message: `joinedOn ${r.joinedOn} is in the future` });
      if (r.birthYear != null && (r.birthYear < 1900 || r.birthYear > +r.joinedOn.slice(0, 4)))
        errors.push({ index, field: 'birthYear', message: `birthYear ${r.birthYear} must be 1900 or later and not after joinedOn` });
      if (r.phone != null && r.phone.trim() && !PHONE.test(r.phone.trim()))
        errors.push({ index, field: 'phone', message: 'phone must be digits (spaces, dots, dashes allowed), e.g. "0912 345 678"' });
      if (typeOfId(r.organizationId) !== 'Organization')
        errors.push({ index, field: 'organizationId', message: `"${r.organizationId}" is not an Organization id` });
      else pushTo(byOrg, r.organizationId, index);
    });
    const orgs = new Map((await this.ds.getRepository(Organization).findBy({ id: In([...byOrg.keys()]) })).map((o) => [o.id, o]));
    for (const [id, rows] of byOrg) {
      const org = orgs.get(id);
      const problem = !org ? `no organisation ${id}` : org.closedOn ? `${org.name} was dissolved on ${org.closedOn}; admit to its successor` : null;
      if (problem) {
        for (const index of rows) errors.push({ index, field: 'organizationId', message: problem });
        byOrg.delete(id);
      }
    }
    if (errors.length) throw rowsRefused(errors, inputs.length, 'admitted');
    this.checkSubtree(caller, byOrg, (id) => this.orgs.ancestry(orgs.get(id)!), 'Admitting members');

    const members = inputs.map((r) => {
      const fullName = collapseWhitespace(r.fullName);
      return Object.assign(new Member(), {
        id: newId('Member'),
        organizationId: r.organizationId,
        fullName,
        searchName: foldVietnamese(fullName),
        gender: r.gender ?? null,
        birthYear: r.birthYear ?? null,
        phone: r.phone?.trim() || null,
        joinedOn: r.joinedOn,
        status: MemberStatus.ACTIVE,
      });
    });
    const write = {
      importId,
      operation: 'admitMembers' as const,
      caller,
      entity: Member,
      ids: members.map((m) => m.id),
      chunks: [...chunksOf(members, CHUNK)],
      areaId: commonArea(members.map((m) => orgs.get(m.organizationId)!.areaId)),
      result: () => members,
    };
    return this.write(write, async (em, chunk) => {
      const cols = [
        chunk.map((m) => m.id),
        chunk.map((m) => m.organizationId),
        chunk.map((m) => m.fullName),
        chunk.map((m) => m.searchName),
        chunk.map((m) => m.gender),
        chunk.map((m) => m.birthYear),
        chunk.map((m) => m.phone),
        chunk.map((m) => m.joinedOn),
      ];
      await em.query(
        `INSERT INTO members (id, organization_id, full_name, search_name, gender, birth_year, phone, joined_on, status)
           SELECT x.*, 'ACTIVE' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::date[]) AS x`,
        cols,
      );
      await em.query(
        `INSERT INTO membership_periods (member_id, organization_id, from_date, to_date, reason)
           SELECT x.id, x.org, x.joined, NULL, 'admitted' FROM unnest($1::text[], $2::text[], $3::date[]) AS x(id, org, joined)`,
        [cols[0], cols[1], cols[7]],
      );
      await em.query(
        `INSERT INTO member_status_changes (member_id, status, changed_on)
           SELECT x.id, 'ACTIVE', x.joined FROM unnest($1::text[], $2::date[]) AS x(id, joined)`,
        [cols[0], cols[7]],
      );
      return chunk.map((m) => ({
        type: EventType.MEMBER_ADMITTED,
        subjectId: m.id,
        areaId: orgs.get(m.organizationId)!.areaId,
        payload: { organizationId: m.organizationId },
      }));
    });
  }

  async recordFeePayments(caller: Caller, inputs: readonly RecordFeePaymentInput[], importId: string | null = null): Promise<FeePayment[]> {
    checkBulkSize(inputs.length, 'inputs');
    const earlier = importId && (await this.imports.written(importId, 'recordFeePayments'));
    if (earlier) return this.byIds(this.ds.manager, FeePayment, earlier);
    const errors: RowError[] = [];
    const today = todayInVietnam();
    const seen = new Map<string, number>();
    inputs.forEach((r, index) => {
      if (!isPlausibleYear(r.year)) errors.push({ index, field: 'year', message: `year ${r.year} is outside 1990–2100` });
      const amountProblem = checkEntryAmount(r.amount);
      if (amountProblem) errors.push({ index, field: 'amount', message: amountProblem });
      if (r.paidOn > today) errors.push({ index, field: 'paidOn', message: `paidOn ${r.paidOn} is in the future` });
      if (typeOfId(r.memberId) !== 'Member') errors.push({ index, field: 'memberId', message: `"${r.memberId}" is not a Member id` });
      const key = `${r.memberId}/${r.year}`;
      if (seen.has(key)) errors.push({ index, field: 'memberId', message: `the same member and year as row ${seen.get(key)}` });
      else seen.set(key, index);
    });
    const ids = [...new Set(inputs.map((r) => r.memberId).filter((id) => typeOfId(id) === 'Member'))];
    const members = new Map((await this.ds.getRepository(Member).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).getMany()).map((m) => [m.id, m]));
    const paid = new Map(
      (await this.ds.getRepository(FeePayment).createQueryBuilder('f').where('f.member_id = ANY(:ids)', { ids }).getMany()).map(
        (f) => [`${f.memberId}/${f.year}`, f.paidOn] as [string, string],
      ),
    );
    const byOrg = new Map<string, number[]>();
    inputs.forEach((r, index) => {
      if (typeOfId(r.memberId) !== 'Member') return;
      const m = members.get(r.memberId);
      if (!m) return void errors.push({ index, field: 'memberId', message: `no member ${r.memberId}` });
      if (r.year < +m.joinedOn.slice(0, 4))
        errors.push({ index, field: 'year', message: `${m.fullName} joined in ${m.joinedOn.slice(0, 4)}; no fee is due for ${r.year}` });
      const already = paid.get(`${r.memberId}/${r.year}`);
      if (already) errors.push({ index, field: 'year', message: `${m.fullName} already paid the ${r.year} fee on ${already}` });
      pushTo(byOrg, m.organizationId, index);
    });
    if (errors.length) throw rowsRefused(errors, inputs.length, 'recorded');
    const orgs = new Map((await this.ds.getRepository(Organization).findBy({ id: In([...byOrg.keys()]) })).map((o) => [o.id, o]));
    this.checkSubtree(caller, byOrg, (id) => this.orgs.ancestry(orgs.get(id)!), 'Recording fee payments');

    const fees = inputs.map((r) =>
      Object.assign(new FeePayment(), {
        id: newId('FeePayment'),
        memberId: r.memberId,
        organizationId: members.get(r.memberId)!.organizationId,
        year: r.year,
        amount: r.amount,
        paidOn: r.paidOn,
        receiptNumber: r.receiptNumber?.trim() || null,
      }),
    );
    const write = {
      importId,
      operation: 'recordFeePayments' as const,
      caller,
      entity: FeePayment,
      ids: fees.map((f) => f.id),
      chunks: [...chunksOf(fees, CHUNK)],
      areaId: commonArea(fees.map((f) => orgs.get(f.organizationId)!.areaId)),
      result: () => fees,
    };
    return this.write(write, async (em, chunk) => {
      await em.query(
        `INSERT INTO fee_payments (id, member_id, organization_id, year, amount, paid_on, receipt_number)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::date[], $7::text[])`,
        [
          chunk.map((f) => f.id),
          chunk.map((f) => f.memberId),
          chunk.map((f) => f.organizationId),
          chunk.map((f) => f.year),
          chunk.map((f) => f.amount.toString()),
          chunk.map((f) => f.paidOn),
          chunk.map((f) => f.receiptNumber),
        ],
      );
      return chunk.map((f) => ({
        type: EventType.FEE_PAID,
        subjectId: f.memberId,
        areaId: orgs.get(f.organizationId)!.areaId,
        payload: { feePaymentId: f.id, year: f.year, amount: Number(f.amount) },
      }));
    });
  }

  async recordAreaStatistics(caller: Caller, year: number, rows: readonly AreaStatisticsRow[], importId: string | null = null): Promise<Area[]> {
    requireAdmin(caller, 'Recording areas’ population');
    checkBulkSize(rows.length, 'rows');
    const earlier = importId && (await this.imports.written(importId, 'recordAreaStatisticsBatch'));
    if (earlier) return this.byIds(this.ds.manager, Area, earlier);
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    if (!isPlausibleYear(year)) throw badYear(year);
    rows.forEach((r, index) => {
      if (typeOfId(r.areaId) !== 'Area') errors.push({ index, field: 'areaId', message: `"${r.areaId}" is not an Area id` });
      else if (seen.has(r.areaId)) errors.push({ index, field: 'areaId', message: `the same area as row ${seen.get(r.areaId)}` });
      else seen.set(r.areaId, index);
      if (!Number.isInteger(r.population) || r.population < 0) errors.push({ index, field: 'population', message: 'population must be a whole number ≥ 0' });
      if (!Number.isInteger(r.households) || r.households < 0) errors.push({ index, field: 'households', message: 'households must be a whole number ≥ 0' });
      else if (r.households > r.population)
        errors.push({ index, field: 'households', message: `households (${r.households}) cannot exceed population (${r.population})` });
    });
    const areas = new Map((await this.ds.getRepository(Area).findBy({ id: In([...seen.keys()]) })).map((a) => [a.id, a]));
    for (const [id, index] of seen) if (!areas.has(id)) errors.push({ index, field: 'areaId', message: `no area ${id}` });
    if (errors.length) throw rowsRefused(errors, rows.length, 'recorded');
    const write = {
      importId,
      operation: 'recordAreaStatisticsBatch' as const,
      caller,
      entity: Area,
      ids: rows.map((r) => r.areaId),
      chunks: [...chunksOf(rows, CHUNK)],
      areaId: null,
      result: () => rows.map((r) => areas.get(r.areaId)!),
    };
    return this.write(write, async (em, chunk) => {
      await em.query(
        `INSERT INTO area_statistics (area_id, year, population, households)
           SELECT x.area_id, $2, x.population, x.households FROM unnest($1::text[], $3::int[], $4::int[]) AS x(area_id, population, households)
           ON CONFLICT (area_id, year) DO UPDATE SET population = EXCLUDED.population, households = EXCLUDED.households`,
        [chunk.map((r) => r.areaId), year, chunk.map((r) => r.population), chunk.map((r) => r.households)],
      );
      return chunk.map((r) => ({
        type: EventType.AREA_STATISTICS_RECORDED,
        subjectId: r.areaId,
        areaId: r.areaId,
        payload: { year, population: r.population, households: r.households },
      }));
    });
  }
}

/** Adds a row to its group in place: copying the group for every row is quadratic when 100,000 rows share one organisation. */
function pushTo(groups: Map<string, number[]>, key: string, index: number): void {
  const group = groups.get(key);
  if (group) group.push(index);
  else groups.set(key, [index]);
}

const badYear = (year: number) => new DomainError('BAD_USER_INPUT', `year ${year} is outside 1990–2100`);
