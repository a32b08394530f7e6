import { In, IsNull, type DataSource } from 'typeorm';
import { AreaLevel, EventType, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, conflict, idsOfLtreePath, ltreeLabel, newId, notFound, requireAdmin, requireId, type Caller, type Outbox } from '@khg/platform';
import { Area, AreaLineage, AreaParent, AreaStatistic } from './area.entity';
import type { CreateAreaInput } from './area.input';

/** Which level may sit directly under which: since the 2025 reform communes sit under provinces too. */
const PARENT_LEVELS: Record<AreaLevel, AreaLevel[]> = {
  [AreaLevel.PROVINCE]: [],
  [AreaLevel.DISTRICT]: [AreaLevel.PROVINCE],
  [AreaLevel.COMMUNE]: [AreaLevel.DISTRICT, AreaLevel.PROVINCE],
  [AreaLevel.VILLAGE]: [AreaLevel.COMMUNE],
};

/** SQL condition: the unit exists on the date bound as `$n`. */
export const validOn = (alias: string, param: string) =>
  `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= ${param}) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > ${param})`;

export const ancestorKey = (k: { areaId: string; on: string }) => `${k.areaId}@${k.on}`;

/** The civil day before a "YYYY-MM-DD" date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export class AreaService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  ancestorIds(area: Area): string[] {
    return idsOfLtreePath(area.path).slice(0, -1);
  }

  async byIds(ids: readonly string[]): Promise<Area[]> {
    return this.ds.getRepository(Area).findBy({ id: In([...ids]) });
  }

  async byCode(code: string, on: string): Promise<Area | null> {
    return this.ds.getRepository(Area).createQueryBuilder('a').where('a.code = :code', { code }).andWhere(validOn('a', ':on'), { on }).getOne();
  }

  async list(filter: { level?: AreaLevel | null; parentId?: string | null; on: string }): Promise<Area[]> {
    const qb = this.ds.getRepository(Area).createQueryBuilder('a').where(validOn('a', ':on'), { on: filter.on });
    if (filter.level) qb.andWhere('a.level = :level', { level: filter.level });
    // The parent history, not areas.parent_id: a unit moved in 2025 still lists under its 2018 parent in 2018.
    if (filter.parentId) {
      qb.andWhere(`EXISTS (SELECT 1 FROM area_parents p WHERE p.area_id = a.id AND p.parent_id = :parentId AND ${validOn('p', ':on')})`, {
        parentId: filter.parentId,
      });
    }
    return qb.orderBy('a.code').getMany();
  }

  /** Children of many parents, each on its own date: one statement per distinct date. */
  async childrenOf(keys: readonly { parentId: string; on: string }[]): Promise<{ on: string; parentId: string; area: Area }[]> {
    const dates = [...new Set(keys.map((k) => k.on))];
    const out: { on: string; parentId: string; area: Area }[] = [];
    for (const on of dates) {
      const parents = keys.filter((k) => k.on === on).map((k) => k.parentId);
      const { entities, raw } = await this.ds
        .getRepository(Area)
        .createQueryBuilder('a')
        .innerJoin('area_parents', 'p', `p.area_id = a.id AND ${validOn('p', ':on')}`, { on })
        .addSelect('p.parent_id', 'history_parent_id')
        .where('p.parent_id IN (:...parents)', { parents })
        .andWhere(validOn('a', ':on'), { on })
        .orderBy('a.code')
        .getRawAndEntities();
      out.push(...entities.map((area, i) => ({ on, parentId: raw[i].history_parent_id as string, area })));
    }
    return out;
  }

  /**
   * Ancestor ids of many units, each on its own date, province first, in one statement. A date
   * outside the unit's life is read on the nearest day it existed, so a closed unit answers with
   * the ancestry it had when it ceased.
   */
  async ancestorsOn(keys: readonly { areaId: string; on: string }[]): Promise<{ key: string; ids: string[] }[]> {
    const areas = new Map((await this.byIds([...new Set(keys.map((k) => k.areaId))])).map((a) => [a.id, a]));
    const clamped = keys.map((k) => {
      const a = areas.get(k.areaId);
      let on = k.on;
      if (a?.validTo && on >= a.validTo) on = dayBefore(a.validTo);
      if (a?.validFrom && on < a.validFrom) on = a.validFrom;
      return on;
    });
    const rows: { ord: string; ids: string[] | null }[] = await this.ds.query(
      `
WITH RECURSIVE k AS (
  SELECT * FROM unnest($1::text[], $2::date[]) WITH ORDINALITY AS k(area_id, on_date, ord)
), up AS (
  SELECT k.ord, k.on_date, p.parent_id AS id, 1 AS depth FROM k
    JOIN area_parents p ON p.area_id = k.area_id AND ${validOn('p', 'k.on_date')}
  UNION ALL
  SELECT up.ord, up.on_date, p.parent_id, up.depth + 1 FROM up
    JOIN area_parents p ON p.area_id = up.id AND ${validOn('p', 'up.on_date')}
  WHERE up.depth < 10
)
SELECT k.ord, array_remove(array_agg(up.id ORDER BY up.depth DESC), NULL) AS ids
FROM k LEFT JOIN up ON up.ord = k.ord GROUP BY k.ord`,
      [keys.map((k) => k.areaId), clamped],
    );
    return rows.map((r) => ({ key: ancestorKey(keys[Number(r.ord) - 1]), ids: r.ids ?? [] }));
  }

  async lineageOf(areaIds: readonly string[], side: 'predecessor' | 'successor'): Promise<AreaLineage[]> {
    const where = side === 'predecessor' ? { successorId: In([...areaIds]) } : { predecessorId: In([...areaIds]) };
    return this.ds.getRepository(AreaLineage).find({ where, order: { predecessorId: 'ASC', successorId: 'ASC' } });
  }

  async statisticsOf(areaIds: readonly string[]): Promise<AreaStatistic[]> {
    return this.ds.getRepository(AreaStatistic).find({ where: { areaId: In([...areaIds]) }, order: { year: 'ASC' } });
  }

  async create(caller: Caller, input: CreateAreaInput): Promise<Area> {
    requireAdmin(caller, 'Creating an area');
    const on = input.validFrom ?? todayInVietnam();
    return this.ds.transaction(async (em) => {
      let parent: Area | null = null;
      if (input.level === AreaLevel.PROVINCE) {
        if (input.parentId) throw badInput('A PROVINCE has no parent: leave parentId out');
      } else {
        if (!input.parentId) throw badInput(`A ${input.level} needs parentId: the unit it lies in`);
        requireId('Area', input.parentId, 'parentId');
        parent = await em.findOneBy(Area, { id: input.parentId });
        if (!parent) throw notFound('Area', input.parentId);
        if (!PARENT_LEVELS[input.level].includes(parent.level)) {
          throw badInput(`A ${input.level} cannot lie in a ${parent.level}; it lies in a ${PARENT_LEVELS[input.level].join(' or ')}`);
        }
      }
      // Codes are unique per day (exclusion constraint): a unit valid from `on` for ever clashes
      // with any holder of the code on or after `on`.
      const clash = await em
        .createQueryBuilder(Area, 'a')
        .where('a.code = :code', { code: input.code })
        .andWhere('(a.valid_to IS NULL OR a.valid_to > :on)', { on })
        .getOne();
      if (clash) throw conflict(`The code ${input.code} is already used by ${clash.name} (${clash.id}) on ${on}`, { existingId: clash.id });
      const id = newId('Area');
      const area = em.create(Area, {
        id,
        code: input.code,
        name: input.name.trim(),
        kind: input.kind ?? null,
        level: input.level,
        parentId: parent?.id ?? null,
        path: parent ? `${parent.path}.${ltreeLabel(id)}` : ltreeLabel(id),
        validFrom: input.validFrom ?? null,
        validTo: null,
      });
      await em.insert(Area, area);
      if (parent) await em.insert(AreaParent, { areaId: id, parentId: parent.id, validFrom: area.validFrom, validTo: null, reorganizationId: null });
      await this.outbox.append(em, caller, { type: EventType.AREA_CREATED, subjectId: id, areaId: id, payload: { code: area.code, level: area.level } });
      return area;
    });
  }

  async recordStatistics(caller: Caller, areaId: string, year: number, population: number, households: number): Promise<Area> {
    requireAdmin(caller, 'Recording an area’s population');
    requireId('Area', areaId, 'areaId');
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    if (!Number.isInteger(population) || population < 0) throw badInput('population must be a whole number ≥ 0');
    if (!Number.isInteger(households) || households < 0) throw badInput('households must be a whole number ≥ 0');
    if (households > population) throw badInput(`households (${households}) cannot exceed population (${population})`);
    return this.ds.transaction(async (em) => {
      const area = await em.findOneBy(Area, { id: areaId });
      if (!area) throw notFound('Area', areaId);
      await em
        .createQueryBuilder()
        .insert()
        .into(AreaStatistic)
        .values({ areaId, year, population, households })
        .orUpdate(['population', 'households'], ['area_id', 'year'])
        .execute();
      await this.outbox.append(em, caller, { type: EventType.AREA_STATISTICS_RECORDED, subjectId: areaId, areaId, payload: { year, population, households } });
      return area;
    });
  }

  /** Current units only; used where no date is asked. */
  async currentByCode(code: string): Promise<Area | null> {
    return this.ds.getRepository(Area).findOneBy({ code, validTo: IsNull() });
  }
}
