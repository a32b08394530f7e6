import { In, type DataSource, type EntityManager } from 'typeorm';
import { AreaLevel, EventType, isCivilDate, isIdOf, referenceDateOfYear } from '@khg/domain';
import { badInput, ltreeLabel, newId, requireAdmin, type Caller, type Outbox } from '@khg/platform';
import { Area, AreaLineage, AreaParent, AreaStatistic } from '../areas/area.entity';
import { validOn } from '../areas/area.service';
import { AreaReorganization, ComparableYear } from './reorganization.entity';
import { AreaChangeKind, type NewAreaInput, type ReorganizeAreasInput } from './reorganization.input';

/** Which level may sit directly under which (communes under provinces since the 2025 reform). */
const PARENT_LEVELS: Record<AreaLevel, AreaLevel[]> = {
  [AreaLevel.PROVINCE]: [],
  [AreaLevel.DISTRICT]: [AreaLevel.PROVINCE],
  [AreaLevel.COMMUNE]: [AreaLevel.DISTRICT, AreaLevel.PROVINCE],
  [AreaLevel.VILLAGE]: [AreaLevel.COMMUNE],
};
const LEVEL_ORDER = [AreaLevel.PROVINCE, AreaLevel.DISTRICT, AreaLevel.COMMUNE, AreaLevel.VILLAGE];
const CODE_RE = /^[0-9A-Za-z-]{1,20}$/;
const SHARE_TOLERANCE = 1e-6;

export interface Problem {
  change: number | null;
  message: string;
}

/** A unit the plan opens, before it has a row. */
interface Opening {
  key: string;
  id: string;
  change: number;
  code: string;
  name: string;
  kind: string | null;
  level: AreaLevel;
  /** an existing unit id or the key of another opening */
  parent: string | null;
}
interface Link {
  predecessorId: string;
  successor: string;
  kind: 'MERGE' | 'SPLIT' | 'RENAME';
  share: number;
}
interface Move {
  areaId: string;
  parent: string;
  change: number | null;
}

/** What a valid plan does, computed once by `plan` and carried out by `apply`. */
export interface PlanOutcome {
  openings: Opening[];
  closes: string[];
  links: Link[];
  moves: Move[];
}

export interface ApplyOptions {
  /** ids for opened units (the demo passes deterministic ones); default a new uuidv7 id */
  idFor?: (code: string, level: AreaLevel) => string;
  reorganizationId?: string;
}

/**
 * Reorganisations of administrative units. A plan is checked whole before anything is written:
 * every problem is collected and the plan is refused with one error naming all of them. A valid
 * plan closes units (validTo = effectiveOn), opens their successors, records lineage and moves
 * the children that survive, in one transaction with an AREA_REORGANIZED event. Nothing recorded
 * under a closed unit is touched, so its figures read the same for ever.
 */
export class ReorganizationService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async reorganize(caller: Caller, input: ReorganizeAreasInput, options: ApplyOptions = {}): Promise<AreaReorganization> {
    requireAdmin(caller, 'Reorganising administrative units');
    return this.ds.transaction((em) => this.apply(em, caller, input, options));
  }

  /** Checks and applies a plan inside the caller's transaction (the demo seed uses it too). */
  async apply(em: EntityManager, caller: Caller, input: ReorganizeAreasInput, options: ApplyOptions = {}): Promise<AreaReorganization> {
    // Reorganisations are rare and touch many rows: one at a time keeps the checks true at commit.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('khg-area-reorganization'))`);
    const { outcome, problems } = await this.plan(em, input, options);
    if (problems.length) {
      throw badInput(
        `The reorganisation was refused; nothing was changed. ${problems.length} problem(s): ${problems.map((p) => (p.change === null ? p.message : `change #${p.change + 1}: ${p.message}`)).join('; ')}`,
        { problems },
      );
    }
    const eff = input.effectiveOn;
    const reorg = em.create(AreaReorganization, {
      id: options.reorganizationId ?? newId('AreaReorganization'),
      decisionNumber: input.decisionNumber.trim(),
      decidedOn: input.decidedOn,
      effectiveOn: eff,
      changes: input.changes,
      openedIds: outcome.openings.map((o) => o.id),
      closedIds: outcome.closes,
      movedIds: outcome.moves.map((m) => m.areaId),
    });
    await em.insert(AreaReorganization, reorg);

    if (outcome.closes.length) {
      await em.query(`UPDATE areas SET valid_to = $2 WHERE id = ANY($1::text[])`, [outcome.closes, eff]);
      await em.query(`UPDATE area_parents p SET valid_to = $2 WHERE p.area_id = ANY($1::text[]) AND ${validOn('p', '$2::date')}`, [outcome.closes, eff]);
    }
    const idOf = new Map(outcome.openings.map((o) => [o.key, o.id]));
    const resolve = (ref: string) => idOf.get(ref) ?? ref;
    const paths = new Map<string, string>();
    const pathOf = async (id: string): Promise<string> => {
      const known = paths.get(id);
      if (known) return known;
      const [row] = await em.query(`SELECT path::text AS path FROM areas WHERE id = $1`, [id]);
      return row.path as string;
    };
    const openings = [...outcome.openings].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
    for (const o of openings) {
      const parentId = o.parent ? resolve(o.parent) : null;
      const path = parentId ? `${await pathOf(parentId)}.${ltreeLabel(o.id)}` : ltreeLabel(o.id);
      paths.set(o.id, path);
      await em.insert(Area, { id: o.id, code: o.code, name: o.name, kind: o.kind, level: o.level, parentId, path, validFrom: eff, validTo: null });
      if (parentId) await em.insert(AreaParent, { areaId: o.id, parentId, validFrom: eff, validTo: null, reorganizationId: reorg.id });
    }
    if (outcome.links.length) {
      await em.insert(
        AreaLineage,
        outcome.links.map((l) => ({
          predecessorId: l.predecessorId,
          successorId: resolve(l.successor),
          reorganizationId: reorg.id,
          kind: l.kind,
          populationShare: l.share,
        })),
      );
    }
    for (const m of outcome.moves) {
      const parentId = resolve(m.parent);
      await em.query(`UPDATE area_parents p SET valid_to = $2 WHERE p.area_id = $1 AND ${validOn('p', '$2::date')}`, [m.areaId, eff]);
      await em.insert(AreaParent, { areaId: m.areaId, parentId, validFrom: eff, validTo: null, reorganizationId: reorg.id });
      // areas.path holds the latest ancestry; other subgraphs keep the ancestry they recorded.
      const [old] = await em.query(`SELECT path::text AS path FROM areas WHERE id = $1`, [m.areaId]);
      const next = `${await pathOf(parentId)}.${ltreeLabel(m.areaId)}`;
      await em.query(
        `UPDATE areas SET parent_id = CASE WHEN id = $3 THEN $4 ELSE parent_id END,
        path = CASE WHEN path = $1::ltree THEN $2::ltree ELSE $2::ltree || subpath(path, nlevel($1::ltree)) END WHERE path <@ $1::ltree`,
        [old.path, next, m.areaId, parentId],
      );
      paths.clear();
      for (const o of openings) paths.set(o.id, (await em.query(`SELECT path::text AS path FROM areas WHERE id = $1`, [o.id]))[0].path);
    }
    const province = outcome.openings.find((o) => o.level === AreaLevel.PROVINCE);
    await this.outbox.append(em, caller, {
      type: EventType.AREA_REORGANIZED,
      subjectId: reorg.id,
      areaId: province?.id ?? null,
      payload: {
        decisionNumber: reorg.decisionNumber,
        effectiveOn: eff,
        opened: reorg.openedIds.length,
        closed: reorg.closedIds.length,
        moved: reorg.movedIds.length,
      },
    });
    return reorg;
  }

  /** Every problem of a plan, and what it would do. Reads only. */
  async plan(em: EntityManager, input: ReorganizeAreasInput, options: ApplyOptions = {}): Promise<{ outcome: PlanOutcome; problems: Problem[] }> {
    const problems: Problem[] = [];
    const add = (change: number | null, message: string) => problems.push({ change, message });
    const outcome: PlanOutcome = { openings: [], closes: [], links: [], moves: [] };
    const eff = input.effectiveOn;
    if (!input.decisionNumber?.trim()) add(null, 'decisionNumber is empty');
    if (!isCivilDate(input.decidedOn)) add(null, `decidedOn ${input.decidedOn} is not a date`);
    if (!isCivilDate(eff)) {
      add(null, `effectiveOn ${eff} is not a date`);
      return { outcome, problems };
    }
    if (isCivilDate(input.decidedOn) && input.decidedOn > eff) add(null, `decidedOn (${input.decidedOn}) is after effectiveOn (${eff})`);
    if (!input.changes.length) add(null, 'the plan has no changes');

    // Everything the checks need, in a few statements.
    const referenced = new Set<string>();
    for (const c of input.changes) {
      c.areaIds.forEach((id) => referenced.add(id));
      if (c.parentId) referenced.add(c.parentId);
      (c.into ?? []).forEach((n) => n.parentId && referenced.add(n.parentId));
    }
    const wellFormed = [...referenced].filter((id) => isIdOf('Area', id));
    const known = new Map((wellFormed.length ? await em.findBy(Area, { id: In(wellFormed) }) : []).map((a) => [a.id, a]));
    const parentRows: { area_id: string; parent_id: string }[] = wellFormed.length
      ? await em.query(`SELECT p.area_id, p.parent_id FROM area_parents p WHERE p.area_id = ANY($1::text[]) AND ${validOn('p', '$2::date')}`, [wellFormed, eff])
      : [];
    const parentOn = new Map(parentRows.map((r) => [r.area_id, r.parent_id]));
    const missingParents = [...new Set(parentRows.map((r) => r.parent_id))].filter((id) => !known.has(id));
    if (missingParents.length) for (const a of await em.findBy(Area, { id: In(missingParents) })) known.set(a.id, a);
    const validThen = (a: Area) => (a.validFrom === null || a.validFrom < eff) && (a.validTo === null || a.validTo > eff);

    const existing = (change: number, id: string, what: string): Area | null => {
      if (!isIdOf('Area', id)) {
        add(change, `${what} "${id}" is not an area id`);
        return null;
      }
      const a = known.get(id);
      if (!a) {
        add(change, `${what} ${id} does not exist`);
        return null;
      }
      return a;
    };

    // Pass 1: which change touches which unit.
    const touchedBy = new Map<string, number>();
    const closedBy = new Map<string, { change: number; kind: AreaChangeKind }>();
    const units: (Area | null)[][] = input.changes.map((c, i) =>
      c.areaIds.map((id) => {
        const a = existing(i, id, 'area');
        if (!a) return null;
        if (!validThen(a)) {
          add(
            i,
            a.validTo && a.validTo <= eff
              ? `${a.name} (${a.code}) ceased on ${a.validTo}, before ${eff}`
              : `${a.name} (${a.code}) does not exist before ${eff}`,
          );
          return null;
        }
        const prior = touchedBy.get(a.id);
        if (prior !== undefined) {
          const closing = c.kind !== AreaChangeKind.MOVE && input.changes[prior].kind !== AreaChangeKind.MOVE;
          add(
            i,
            closing
              ? `${a.name} (${a.code}) is closed twice (changes #${prior + 1} and #${i + 1})`
              : `${a.name} (${a.code}) is already changed by change #${prior + 1}; changes may not overlap`,
          );
          return null;
        }
        touchedBy.set(a.id, i);
        if (c.kind !== AreaChangeKind.MOVE) closedBy.set(a.id, { change: i, kind: c.kind });
        return a;
      }),
    );

    // Pass 2: what each change opens and links.
    const successorOf = new Map<string, string>(); // closed unit -> the one opening that replaces it whole
    input.changes.forEach((c, i) => {
      const areas = units[i].filter((a): a is Area => a !== null);
      const into = c.into ?? [];
      const open = (n: NewAreaInput, j: number): Opening => {
        const o: Opening = {
          key: `new:${i}:${j}`,
          id: options.idFor ? options.idFor(n.code, n.level) : newId('Area'),
          change: i,
          code: n.code?.trim() ?? '',
          name: n.name?.trim() ?? '',
          kind: n.kind?.trim() || null,
          level: n.level,
          parent: n.parentId ?? null,
        };
        if (!CODE_RE.test(o.code)) add(i, `code "${n.code}" must be 1 to 20 letters, digits or "-"`);
        if (!o.name || o.name.length > 200) add(i, `the new unit ${o.code} needs a name of 1 to 200 characters`);
        outcome.openings.push(o);
        return o;
      };
      if (c.kind !== AreaChangeKind.MERGE && c.kind !== AreaChangeKind.SPLIT && into.length) add(i, `"into" is only for MERGE and SPLIT`);
      switch (c.kind) {
        case AreaChangeKind.MERGE: {
          // One recorded unit is allowed: the other units merged with it may not be on the platform.
          if (c.areaIds.length < 1) add(i, 'a MERGE needs the units it merges in areaIds');
          if (into.length !== 1) {
            add(i, `a MERGE opens exactly one unit ("into" has ${into.length})`);
            break;
          }
          const levels = new Set(areas.map((a) => a.level));
          if (levels.size > 1) add(i, `the merged units are of different levels (${[...levels].join(', ')})`);
          const o = open(into[0], 0);
          if (!o.parent && o.level !== AreaLevel.PROVINCE) {
            const parents = new Set(areas.map((a) => parentOn.get(a.id) ?? null));
            if (parents.size === 1 && !parents.has(null)) o.parent = [...parents][0];
          }
          for (const a of areas) {
            successorOf.set(a.id, o.key);
            outcome.links.push({ predecessorId: a.id, successor: o.key, kind: 'MERGE', share: 1 });
          }
          break;
        }
        case AreaChangeKind.SPLIT: {
          if (c.areaIds.length !== 1) add(i, `a SPLIT divides exactly one unit (areaIds has ${c.areaIds.length})`);
          if (into.length < 2) add(i, `a SPLIT opens at least two parts ("into" has ${into.length})`);
          let sum = 0;
          into.forEach((n, j) => {
            const share = n.populationShare;
            if (share === null || share === undefined || !(share > 0 && share <= 1)) add(i, `part ${n.code} needs a populationShare in (0, 1]`);
            else sum += share;
            void j;
          });
          if (into.length && into.every((n) => typeof n.populationShare === 'number') && Math.abs(sum - 1) > SHARE_TOLERANCE) {
            add(i, `the population shares of the split add up to ${Number(sum.toFixed(6))}, not 1`);
          }
          break; // parts are opened in pass 3, once every MERGE/RENAME has opened its unit
        }
        case AreaChangeKind.RENAME: {
          if (c.areaIds.length !== 1) add(i, `a RENAME changes exactly one unit (areaIds has ${c.areaIds.length})`);
          const a = areas[0];
          if (!c.name && !c.code) add(i, 'a RENAME needs a new name or a new code');
          if (!a || c.areaIds.length !== 1) break;
          if ((c.name ?? a.name) === a.name && (c.code ?? a.code) === a.code) add(i, `${a.name} (${a.code}) already has that name and code`);
          const o = open({ code: c.code ?? a.code, name: c.name ?? a.name, level: a.level, parentId: parentOn.get(a.id) ?? null, kind: a.kind }, 0);
          successorOf.set(a.id, o.key);
          outcome.links.push({ predecessorId: a.id, successor: o.key, kind: 'RENAME', share: 1 });
          break;
        }
        case AreaChangeKind.MOVE: {
          if (c.areaIds.length !== 1) add(i, `a MOVE moves exactly one unit (areaIds has ${c.areaIds.length})`);
          if (!c.parentId) {
            add(i, 'a MOVE needs parentId: the new parent');
            break;
          }
          if (areas[0] && c.areaIds.length === 1) outcome.moves.push({ areaId: areas[0].id, parent: c.parentId, change: i });
          break;
        }
        case AreaChangeKind.ABOLISH: {
          if (!c.areaIds.length) add(i, 'an ABOLISH needs the units to abolish');
          for (const a of areas)
            if (a.level === AreaLevel.PROVINCE) add(i, `${a.name} is a province: its communes would be left without a province; MERGE it instead`);
          break;
        }
      }
    });

    // Pass 3: split parts, either new units or shares joining a unit another change opens.
    input.changes.forEach((c, i) => {
      if (c.kind !== AreaChangeKind.SPLIT) return;
      const a = units[i][0];
      if (!a) return;
      (c.into ?? []).forEach((n, j) => {
        const share = typeof n.populationShare === 'number' && n.populationShare > 0 && n.populationShare <= 1 ? n.populationShare : 1;
        const joins = outcome.openings.find((o) => o.code === n.code?.trim() && o.change !== i);
        if (joins) {
          outcome.links.push({ predecessorId: a.id, successor: joins.key, kind: 'SPLIT', share });
          return;
        }
        const o: Opening = {
          key: `new:${i}:${j}`,
          id: options.idFor ? options.idFor(n.code, n.level) : newId('Area'),
          change: i,
          code: n.code?.trim() ?? '',
          name: n.name?.trim() ?? '',
          kind: n.kind?.trim() || null,
          level: n.level,
          parent: n.parentId ?? parentOn.get(a.id) ?? null,
        };
        if (!CODE_RE.test(o.code)) add(i, `code "${n.code}" must be 1 to 20 letters, digits or "-"`);
        if (!o.name) add(i, `the new unit ${o.code} needs a name`);
        if (o.level !== a.level) add(i, `part ${o.code} is a ${o.level} but ${a.name} is a ${a.level}`);
        outcome.openings.push(o);
        outcome.links.push({ predecessorId: a.id, successor: o.key, kind: 'SPLIT', share });
      });
    });

    // Where a reference to a unit lands once the plan is applied: a unit closed by a MERGE or
    // RENAME stands for its successor; an abolished one for its own parent.
    const openingByKey = new Map(outcome.openings.map((o) => [o.key, o]));
    const landing = (ref: string, change: number | null, what: string): { ref: string; level: AreaLevel } | null => {
      for (let hops = 0; hops < 10; hops++) {
        const o = openingByKey.get(ref);
        if (o) return { ref, level: o.level };
        const closed = closedBy.get(ref);
        const a = known.get(ref);
        if (!a) {
          add(change, `${what} ${ref} does not exist`);
          return null;
        }
        if (!closed) {
          if (!validThen(a) && !(a.validFrom === eff)) {
            add(change, `${what} ${a.name} (${a.code}) does not exist on ${eff}`);
            return null;
          }
          return { ref, level: a.level };
        }
        if (successorOf.has(ref)) {
          ref = successorOf.get(ref)!;
          continue;
        }
        if (closed.kind === AreaChangeKind.ABOLISH && parentOn.has(ref)) {
          ref = parentOn.get(ref)!;
          continue;
        }
        add(change, `${what} ${a.name} (${a.code}) is closed by change #${closed.change + 1} and has no single successor`);
        return null;
      }
      add(change, `${what} ${ref}: the plan goes round in circles`);
      return null;
    };

    // Parents of the opened units.
    for (const o of outcome.openings) {
      if (o.level === AreaLevel.PROVINCE) {
        if (o.parent) add(o.change, `the new province ${o.code} cannot have a parent`);
        o.parent = null;
        continue;
      }
      if (!o.parent) {
        add(o.change, `the new ${o.level} ${o.code} ${o.name} would be left without a parent: give parentId`);
        continue;
      }
      if (!openingByKey.has(o.parent) && !known.has(o.parent)) {
        if (isIdOf('Area', o.parent)) {
          const extra = await em.findOneBy(Area, { id: o.parent });
          if (extra) known.set(extra.id, extra);
        }
        if (!known.has(o.parent)) {
          add(o.change, `parentId ${o.parent} of ${o.code} does not exist`);
          continue;
        }
      }
      const land = landing(o.parent, o.change, `the parent of ${o.code}`);
      if (!land) continue;
      o.parent = land.ref;
      if (!PARENT_LEVELS[o.level].includes(land.level)) add(o.change, `a ${o.level} (${o.code}) cannot lie in a ${land.level}`);
    }

    // Explicit moves.
    for (const m of outcome.moves) {
      if (!known.has(m.parent) && !isIdOf('Area', m.parent)) {
        add(m.change, `parentId "${m.parent}" is not an area id`);
        m.parent = '';
        continue;
      }
      const land = landing(m.parent, m.change, 'the new parent');
      if (!land) {
        m.parent = '';
        continue;
      }
      const a = known.get(m.areaId)!;
      if (!PARENT_LEVELS[a.level].includes(land.level)) add(m.change, `a ${a.level} (${a.name}) cannot lie in a ${land.level}`);
      const target = known.get(land.ref);
      if (target && (target.id === a.id || target.path.split('.').includes(ltreeLabel(a.id))))
        add(m.change, `${a.name} cannot move under itself or one of its own units`);
      if (parentOn.get(a.id) === land.ref) add(m.change, `${a.name} already lies in that unit`);
      m.parent = land.ref;
    }

    // Children that survive a closed parent move to where the parent lands.
    const closes = [...closedBy.keys()];
    outcome.closes = closes;
    if (closes.length) {
      const children: { id: string; name: string; code: string; level: AreaLevel; parent_id: string }[] = await em.query(
        `SELECT a.id, a.name, a.code, a.level, p.parent_id FROM area_parents p JOIN areas a ON a.id = p.area_id
         WHERE p.parent_id = ANY($1::text[]) AND ${validOn('p', '$2::date')} AND (a.valid_to IS NULL OR a.valid_to > $2::date)
         ORDER BY a.code`,
        [closes, eff],
      );
      for (const ch of children) {
        if (closedBy.has(ch.id) || outcome.moves.some((m) => m.areaId === ch.id)) continue;
        const parent = known.get(ch.parent_id)!;
        const by = closedBy.get(ch.parent_id)!;
        if (by.kind === AreaChangeKind.SPLIT) {
          add(by.change, `${ch.name} (${ch.code}) lies in ${parent.name}, which is split: MOVE it to one of the parts or close it`);
          continue;
        }
        const land = landing(ch.parent_id, by.change, `the new parent of ${ch.name} (${ch.code})`);
        if (!land) continue;
        if (!PARENT_LEVELS[ch.level].includes(land.level)) {
          add(by.change, `${ch.name} (${ch.code}), a ${ch.level}, would move up into a ${land.level}: MOVE or close it in the plan`);
          continue;
        }
        outcome.moves.push({ areaId: ch.id, parent: land.ref, change: null });
      }
    }

    // Codes: unique among the units valid on the effective day.
    const codes = new Map<string, Opening>();
    for (const o of outcome.openings) {
      const twin = codes.get(o.code);
      if (twin) add(o.change, `code ${o.code} is opened twice (changes #${twin.change + 1} and #${o.change + 1})`);
      else codes.set(o.code, o);
    }
    if (codes.size) {
      const holders: { id: string; code: string; name: string; valid_from: string | null }[] = await em.query(
        `SELECT id, code, name, valid_from::text FROM areas WHERE code = ANY($1::text[]) AND (valid_to IS NULL OR valid_to > $2::date)`,
        [[...codes.keys()], eff],
      );
      for (const h of holders) {
        if (closedBy.has(h.id) && (h.valid_from === null || h.valid_from < eff)) continue;
        add(codes.get(h.code)!.change, `code ${h.code} is held by ${h.name} (${h.id}) on ${eff}`);
      }
    }
    return { outcome, problems };
  }

  async byIds(ids: readonly string[]): Promise<AreaReorganization[]> {
    return this.ds.getRepository(AreaReorganization).findBy({ id: In([...ids]) });
  }

  async list(): Promise<AreaReorganization[]> {
    return this.ds.getRepository(AreaReorganization).find({ order: { effectiveOn: 'ASC', id: 'ASC' } });
  }

  /**
   * A current unit's comparable series: for each year, the units valid on that year's reference
   * date it descends from through lineage, with the product of the shares along the way, and the
   * population summed over them. One statement for any number of units.
   */
  async comparableSeries(keys: readonly { areaId: string; fromYear: number; toYear: number }[]): Promise<{ key: string; years: ComparableYear[] }[]> {
    const areaIds: string[] = [];
    const years: number[] = [];
    const dates: string[] = [];
    for (const k of keys)
      for (let y = k.fromYear; y <= k.toYear; y++) {
        areaIds.push(k.areaId);
        years.push(y);
        dates.push(referenceDateOfYear(y));
      }
    if (!areaIds.length) return keys.map((k) => ({ key: seriesKey(k), years: [] }));
    const rows: { area_id: string; year: number; sources: string[] | null; shares: string[] | null; population: string | null }[] = await this.ds.query(
      `
WITH RECURSIVE q AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::date[]) AS q(area_id, year, ref)
), back AS (
  SELECT q.area_id AS root, q.year, q.ref, q.area_id AS id, 1::numeric AS share, 0 AS depth FROM q
  UNION ALL
  SELECT b.root, b.year, b.ref, l.predecessor_id, b.share * l.population_share, b.depth + 1
  FROM back b JOIN areas a ON a.id = b.id JOIN area_lineage l ON l.successor_id = b.id
  WHERE NOT (${validOn('a', 'b.ref')}) AND b.depth < 10
), src AS (
  SELECT b.root, b.year, b.id, sum(b.share) AS share FROM back b JOIN areas a ON a.id = b.id
  WHERE ${validOn('a', 'b.ref')} GROUP BY b.root, b.year, b.id
)
SELECT q.area_id, q.year,
  array_agg(s.id ORDER BY s.id) FILTER (WHERE s.id IS NOT NULL) AS sources,
  array_agg(s.share::text ORDER BY s.id) FILTER (WHERE s.id IS NOT NULL) AS shares,
  round(sum(s.share * st.population))::text AS population
FROM q LEFT JOIN src s ON s.root = q.area_id AND s.year = q.year
LEFT JOIN area_statistics st ON st.area_id = s.id AND st.year = q.year
GROUP BY q.area_id, q.year`,
      [areaIds, years, dates],
    );
    const byKey = new Map(rows.map((r) => [`${r.area_id}:${r.year}`, r]));
    return keys.map((k) => {
      const out: ComparableYear[] = [];
      for (let y = k.fromYear; y <= k.toYear; y++) {
        const r = byKey.get(`${k.areaId}:${y}`);
        out.push({
          id: `${k.areaId}:${y}`,
          year: y,
          population: r?.population == null ? null : Number(r.population),
          sourceAreaIds: r?.sources ?? [],
          sourceShares: (r?.shares ?? []).map(Number),
        });
      }
      return { key: seriesKey(k), years: out };
    });
  }
}

export const seriesKey = (k: { areaId: string; fromYear: number; toYear: number }) => `${k.areaId}|${k.fromYear}|${k.toYear}`;
export { AreaStatistic };
