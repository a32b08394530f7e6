import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  AreaLevel,
  EventType,
  LearningModelKind,
  collapseWhitespace,
  LearningModelStatus,
  isCivilDate,
  isPlausibleYear,
  todayInVietnam,
  typeOfId,
} from '@khg/domain';
import {
  badInput,
  conflict,
  decodeCursor,
  encodeCursor,
  forbidden,
  newId,
  notFound,
  pageSize,
  requireId,
  requireWriterInArea,
  type AreaInfo,
  commonArea,
  type Caller,
  type DirectoryLoaders,
  type ImportWrites,
  type Outbox,
} from '@khg/platform';
import { officerOrganization } from '../shared/access';
import { bumpRollup, rollupRegistered } from '../rates/rollup';
import { LearningModelDecision, LearningModelEntry } from './entry.entity';
import type { RegisterLearningModelInput } from './entry.input';

/** Where each kind is registered: families, clans, communities and citizens in their village (or commune); units anywhere. */
const LEVELS: Record<LearningModelKind, AreaLevel[]> = {
  [LearningModelKind.FAMILY]: [AreaLevel.VILLAGE, AreaLevel.COMMUNE],
  [LearningModelKind.CLAN]: [AreaLevel.VILLAGE, AreaLevel.COMMUNE],
  [LearningModelKind.COMMUNITY]: [AreaLevel.VILLAGE, AreaLevel.COMMUNE],
  [LearningModelKind.UNIT]: [AreaLevel.PROVINCE, AreaLevel.DISTRICT, AreaLevel.COMMUNE, AreaLevel.VILLAGE],
  // a learning citizen is self-assessed where they live (QĐ 677/QĐ-TTg)
  [LearningModelKind.CITIZEN]: [AreaLevel.VILLAGE, AreaLevel.COMMUNE],
};

/**
 * A commune's list fits easily (a few thousand families); the gateway's 1 MB request limit allows
 * about 9,000 rows of typical names anyway, so bigger lists are split by the client.
 */
export const MAX_BULK_ROWS = 10_000;
const INSERT_CHUNK = 5_000;
const EVENT_CHUNK = 1_000;

export interface RowError {
  index: number;
  field: string;
  message: string;
}

export interface EntryFilter {
  areaId?: string | null;
  year: number;
  kind?: LearningModelKind | null;
  status?: LearningModelStatus | null;
  first?: number | null;
  after?: string | null;
}

export interface DecisionInput {
  id: string;
  recognized: boolean;
  decisionNumber?: string | null;
  decidedOn?: string | null;
  criteriaCode?: string | null;
  reason?: string | null;
}

const currentYear = () => +todayInVietnam().slice(0, 4);

export class EntryService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly imports: ImportWrites,
  ) {}

  async byIds(ids: readonly string[]): Promise<LearningModelEntry[]> {
    return this.ds.getRepository(LearningModelEntry).findBy({ id: In([...ids]) });
  }

  async decisionsOf(entryIds: readonly string[]): Promise<LearningModelDecision[]> {
    return this.ds.getRepository(LearningModelDecision).find({ where: { entryId: In([...entryIds]) }, order: { id: 'ASC' } });
  }

  /** Entries of a year in the area's subtree, in registration order; one statement per page. */
  async page(f: EntryFilter): Promise<LearningModelEntry[]> {
    if (!isPlausibleYear(f.year)) throw badInput(`year ${f.year} is outside 1990–2100`);
    const first = pageSize(f.first);
    const qb = this.ds.getRepository(LearningModelEntry).createQueryBuilder('e').where('e.year = :year', { year: f.year });
    if (f.areaId) qb.andWhere('e.area_ancestry @> ARRAY[:areaId]::text[]', { areaId: requireId('Area', f.areaId, 'areaId') });
    if (f.kind) qb.andWhere('e.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.after) qb.andWhere('e.id > :after', { after: decodeCursor(f.after) });
    return first === 0 ? [] : qb.orderBy('e.id', 'ASC').limit(first).getMany();
  }

  cursorOf(e: LearningModelEntry): string {
    return encodeCursor(e.id);
  }

  /** Checks every row, naming each bad one; returns each row's area. */
  private async validateRows(
    loaders: DirectoryLoaders,
    inputs: readonly RegisterLearningModelInput[],
  ): Promise<{ errors: RowError[]; areas: (AreaInfo | null)[] }> {
    const errors: RowError[] = [];
    const thisYear = currentYear();
    const idOk = inputs.map((r) => typeOfId(r.areaId) === 'Area');
    inputs.forEach((r, index) => {
      const name = collapseWhitespace(r.name);
      if (name.length === 0) errors.push({ index, field: 'name', message: 'name is empty' });
      else if (name.length > 300) errors.push({ index, field: 'name', message: `name is ${name.length} characters; at most 300` });
      if (!idOk[index]) errors.push({ index, field: 'areaId', message: `"${r.areaId}" is not an Area id` });
      if (!isPlausibleYear(r.year)) errors.push({ index, field: 'year', message: `year ${r.year} is outside 1990–2100` });
      else if (r.year > thisYear + 1)
        errors.push({ index, field: 'year', message: `year ${r.year} is too far ahead: register for ${thisYear} or ${thisYear + 1}` });
    });
    const distinct = [...new Set(inputs.filter((_, i) => idOk[i]).map((r) => r.areaId))];
    const found = await loaders.areaInfo.loadMany(distinct);
    const byId = new Map<string, AreaInfo | null>();
    distinct.forEach((id, i) => {
      const a = found[i];
      if (a instanceof Error) throw a;
      byId.set(id, a);
    });
    const today = todayInVietnam();
    const areas = inputs.map((r, index) => {
      if (!idOk[index]) return null;
      const area = byId.get(r.areaId) ?? null;
      if (!area) errors.push({ index, field: 'areaId', message: `no area ${r.areaId}` });
      else if (area.validTo && area.validTo <= today)
        errors.push({ index, field: 'areaId', message: `${area.name} ceased on ${area.validTo}; register in its successor` });
      else if (!LEVELS[r.kind].includes(area.level)) {
        errors.push({
          index,
          field: 'areaId',
          message: `a ${r.kind} entry is registered in a ${LEVELS[r.kind].join(' or ')}; ${area.name} is a ${area.level}`,
        });
      }
      return area;
    });
    errors.sort((a, b) => a.index - b.index);
    return { errors, areas };
  }

  /**
   * Registers one entry or a whole list, all or nothing: every row is checked first and a bad list
   * is refused with one error naming every bad row; a good list goes in with multi-row INSERTs, one
   * roll-up statement per chunk and one LEARNING_MODEL_REGISTERED event per entry (subscribers and
   * webhooks follow entries one by one, the same as single registrations).
   */
  async register(
    caller: Caller,
    loaders: DirectoryLoaders,
    inputs: readonly RegisterLearningModelInput[],
    importId: string | null = null,
  ): Promise<LearningModelEntry[]> {
    if (inputs.length === 0) throw badInput('inputs is empty: give at least one entry');
    const earlier = importId && (await this.imports.written(importId, 'registerLearningModels'));
    if (earlier) return this.inOrder(this.ds.manager, earlier);
    if (inputs.length > MAX_BULK_ROWS)
      throw badInput(`inputs has ${inputs.length} rows; at most ${MAX_BULK_ROWS} per call: split the list (by commune, for instance)`, {
        limit: MAX_BULK_ROWS,
      });
    const { errors, areas } = await this.validateRows(loaders, inputs);
    if (errors.length) {
      const bad = new Set(errors.map((e) => e.index)).size;
      const named = errors
        .slice(0, 3)
        .map((e) => `row ${e.index} ${e.field}: ${e.message}`)
        .join('; ');
      const message =
        inputs.length === 1
          ? `${errors[0].field}: ${errors[0].message}`
          : `${bad} of ${inputs.length} rows are invalid, nothing was registered. ${named}${errors.length > 3 ? `; and ${errors.length - 3} more (see extensions.rows)` : ''}`;
      throw badInput(message, { rows: errors.slice(0, 1000), invalidRows: bad });
    }
    const org = await officerOrganization(caller, loaders);
    const refused = new Set<number>();
    const checked = new Map<string, boolean>();
    areas.forEach((area, index) => {
      if (!checked.has(area!.id)) {
        try {
          requireWriterInArea(caller, area!.ancestry, org, 'Registering a learning model');
          checked.set(area!.id, true);
        } catch (e) {
          if (inputs.length === 1) throw e;
          checked.set(area!.id, false);
        }
      }
      if (!checked.get(area!.id)) refused.add(index);
    });
    if (refused.size) {
      const first = [...refused]
        .slice(0, 5)
        .map((i) => `row ${i} (${areas[i]!.name})`)
        .join(', ');
      throw forbidden(
        `Registering learning models: ${refused.size} rows lie outside the area of your organisation ${org?.name ?? caller.orgId ?? ''}, e.g. ${first}; nothing was registered`,
      );
    }
    const ids = inputs.map(() => newId('LearningModelEntry'));
    return this.ds.transaction(async (em) => {
      if (importId) {
        const claimed = await this.imports.claim(em, importId, 'registerLearningModels', ids);
        if (claimed) return this.inOrder(em, claimed);
      }
      const created: LearningModelEntry[] = [];
      for (let from = 0; from < inputs.length; from += INSERT_CHUNK) {
        const chunk = inputs.slice(from, from + INSERT_CHUNK).map((r, i) => ({ r, area: areas[from + i]!, id: ids[from + i] }));
        const [{ now }]: { now: Date }[] = await em.query(
          `WITH ins AS (
             INSERT INTO learning_model_entries (id, kind, name, area_id, area_ancestry, year, status)
             SELECT x.id, x.kind, x.name, x.area_id, string_to_array(x.anc, ','), x.year, 'REGISTERED'
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS x(id, kind, name, area_id, anc, year)
             RETURNING created_at)
           SELECT min(created_at) AS now FROM ins`,
          [
            chunk.map((c) => c.id),
            chunk.map((c) => c.r.kind),
            chunk.map((c) => collapseWhitespace(c.r.name)),
            chunk.map((c) => c.area.id),
            chunk.map((c) => c.area.ancestry.join(',')),
            chunk.map((c) => c.r.year),
          ],
        );
        await rollupRegistered(
          em,
          chunk.map((c) => c.id),
        );
        for (const c of chunk) {
          created.push(
            em.create(LearningModelEntry, {
              id: c.id,
              kind: c.r.kind,
              name: collapseWhitespace(c.r.name),
              areaId: c.area.id,
              areaAncestry: c.area.ancestry,
              year: c.r.year,
              status: LearningModelStatus.REGISTERED,
              decisionNumber: null,
              decidedOn: null,
              criteriaCode: null,
              createdAt: now,
            }),
          );
        }
        if (importId) await this.imports.progress(importId, created.length, inputs.length);
      }
      for (let from = 0; from < created.length; from += EVENT_CHUNK) {
        await this.outbox.append(
          em,
          caller,
          ...created.slice(from, from + EVENT_CHUNK).map((e) => ({
            type: EventType.LEARNING_MODEL_REGISTERED,
            subjectId: e.id,
            areaId: e.areaId,
            payload: { kind: e.kind, year: e.year },
          })),
        );
      }
      if (importId) await this.imports.finished(em, caller, importId, 'registerLearningModels', created.length, commonArea(created.map((e) => e.areaId)));
      return created;
    });
  }

  /** Entries by id in the order of `ids` (an import's earlier write, answered again). */
  private async inOrder(em: EntityManager, ids: readonly string[]): Promise<LearningModelEntry[]> {
    const found = new Map((await em.createQueryBuilder(LearningModelEntry, 'e').where('e.id = ANY(:ids)', { ids }).getMany()).map((e) => [e.id, e]));
    return ids.map((id) => found.get(id)!);
  }

  private checkDecision(
    d: DecisionInput,
    correction: boolean,
  ): { decisionNumber: string | null; decidedOn: string; criteriaCode: string | null; reason: string | null } {
    const decisionNumber = d.decisionNumber ? collapseWhitespace(d.decisionNumber) : null;
    if (d.recognized && !decisionNumber)
      throw badInput('decisionNumber is required to recognise an entry: the number of the recognition decision (số quyết định), e.g. "125/QĐ-UBND"');
    if (decisionNumber && decisionNumber.length > 100) throw badInput('decisionNumber is longer than 100 characters');
    if (d.recognized && !d.decidedOn) throw badInput('decidedOn is required to recognise an entry: the date of the decision');
    const decidedOn = d.decidedOn ?? todayInVietnam();
    if (!isCivilDate(decidedOn)) throw badInput(`decidedOn "${decidedOn}" is not a date (YYYY-MM-DD)`);
    if (decidedOn > todayInVietnam()) throw badInput(`decidedOn ${decidedOn} is in the future`);
    const criteriaCode = d.criteriaCode ? collapseWhitespace(d.criteriaCode) : null;
    if (criteriaCode && criteriaCode.length > 100) throw badInput('criteriaCode is longer than 100 characters');
    const reason = d.reason ? collapseWhitespace(d.reason) : null;
    if (correction && (!reason || reason.length < 3))
      throw badInput('reason is required for a correction: say why the decision changes (at least 3 characters)');
    if (reason && reason.length > 1000) throw badInput('reason is longer than 1000 characters');
    return { decisionNumber, decidedOn, criteriaCode, reason };
  }

  private async locked(em: EntityManager, id: string): Promise<LearningModelEntry> {
    const entry = await em.findOne(LearningModelEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!entry) throw notFound('LearningModelEntry', id);
    return entry;
  }

  /**
   * A decision (recognised or not) on a REGISTERED entry; `correction` changes an earlier decision
   * with a reason. Both are kept in the entry's history and move the roll-up in the same transaction.
   */
  async decide(caller: Caller, loaders: DirectoryLoaders, d: DecisionInput, correction: boolean): Promise<LearningModelEntry> {
    requireId('LearningModelEntry', d.id, 'id');
    const checked = this.checkDecision(d, correction);
    const org = await officerOrganization(caller, loaders);
    const action = correction ? 'Correcting a learning-model decision' : 'Deciding on a learning model';
    return this.ds.transaction(async (em) => {
      const entry = await this.locked(em, d.id);
      requireWriterInArea(caller, entry.areaAncestry, org, action);
      if (+checked.decidedOn.slice(0, 4) < entry.year) {
        throw badInput(
          `decidedOn ${checked.decidedOn} is before the entry's year ${entry.year}: a recognition for ${entry.year} is decided in or after that year`,
        );
      }
      const previous = entry.status;
      if (!correction && previous !== LearningModelStatus.REGISTERED) {
        throw conflict(
          `${entry.name} (${entry.year}) is already ${previous} by decision ${entry.decisionNumber ?? '(no number)'} of ${entry.decidedOn}; to change it use correctLearningModelDecision with a reason`,
          { status: previous },
        );
      }
      if (correction && previous === LearningModelStatus.REGISTERED) {
        throw conflict(`${entry.name} (${entry.year}) has no decision yet (status REGISTERED): use decideLearningModel`, { status: previous });
      }
      const status = d.recognized ? LearningModelStatus.RECOGNIZED : LearningModelStatus.NOT_RECOGNIZED;
      Object.assign(entry, {
        status,
        decisionNumber: checked.decisionNumber,
        decidedOn: checked.decidedOn,
        criteriaCode: checked.criteriaCode ?? entry.criteriaCode,
      });
      await em.update(
        LearningModelEntry,
        { id: entry.id },
        { status, decisionNumber: entry.decisionNumber, decidedOn: entry.decidedOn, criteriaCode: entry.criteriaCode },
      );
      await em.insert(LearningModelDecision, {
        entryId: entry.id,
        status,
        previousStatus: previous,
        decisionNumber: checked.decisionNumber,
        decidedOn: checked.decidedOn,
        criteriaCode: checked.criteriaCode,
        correction,
        reason: checked.reason,
        actorSub: caller.sub,
      });
      if (previous !== status) {
        const step = (s: LearningModelStatus) => (s === status ? 1 : s === previous ? -1 : 0);
        await bumpRollup(em, [
          {
            ancestry: entry.areaAncestry,
            year: entry.year,
            kind: entry.kind,
            recognized: step(LearningModelStatus.RECOGNIZED),
            notRecognized: step(LearningModelStatus.NOT_RECOGNIZED),
          },
        ]);
      }
      await this.outbox.append(em, caller, {
        type: EventType.LEARNING_MODEL_DECIDED,
        subjectId: entry.id,
        areaId: entry.areaId,
        payload: { status, previousStatus: previous, correction, year: entry.year, kind: entry.kind },
      });
      return entry;
    });
  }
}
