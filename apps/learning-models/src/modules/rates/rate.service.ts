import type { DataSource } from 'typeorm';
import { EventType, LearningModelKind, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, requireId, requireWriterInArea, type Caller, type DirectoryLoaders, type Outbox } from '@khg/platform';
import { areaOrFail, officerOrganization } from '../shared/access';
import { areaRef } from '../shared/stubs';
import { bumpRollup } from './rollup';
import type { LearningModelRate } from './rate.types';

/** One area in one year; `ancestry` is the area's ids from the province down to it (inclusive). */
export interface RateKey {
  areaId: string;
  year: number;
  ancestry: readonly string[];
}
export const rateKey = (k: { areaId: string; year: number }) => `${k.areaId}@${k.year}`;

export const KINDS: LearningModelKind[] = [LearningModelKind.FAMILY, LearningModelKind.CLAN, LearningModelKind.COMMUNITY, LearningModelKind.UNIT];

/**
 * All rates of many (area, year) pairs in ONE statement: counts from the maintained roll-up
 * (primary-key lookups), targets by the deepest area of the asker's ancestry that has one.
 */
const RATES_SQL = `
WITH q AS (
  SELECT q.area_id, q.year, string_to_array(q.anc, ',') AS anc, q.ord
  FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS q(area_id, year, anc, ord)
)
SELECT q.ord, k.kind, coalesce(r.eligible, 0)::int AS eligible, coalesce(r.registered, 0) AS registered,
       coalesce(r.recognized, 0) AS recognized, coalesce(r.not_recognized, 0) AS not_recognized,
       t.target::text AS target, t.area_id AS target_area_id
FROM q
CROSS JOIN unnest($4::text[]) WITH ORDINALITY AS k(kind, kord)
LEFT JOIN rollup_counts r ON r.area_id = q.area_id AND r.year = q.year AND r.kind = k.kind
LEFT JOIN LATERAL (
  SELECT t.target, t.area_id FROM learning_targets t
  WHERE t.year = q.year AND t.kind = k.kind AND t.area_id = ANY (q.anc)
  ORDER BY array_position(q.anc, t.area_id) DESC
  LIMIT 1
) t ON true
ORDER BY q.ord, k.kord`;

interface RateRow {
  ord: string;
  kind: LearningModelKind;
  eligible: number;
  registered: number;
  recognized: number;
  not_recognized: number;
  target: string | null;
  target_area_id: string | null;
}

/** Targets are stored with 4 decimals (0.01 %); comparisons are made in whole basis points so 35/100 meets 0.35 exactly. */
const BP = 10_000;

export function toRate(areaId: string, year: number, r: Omit<RateRow, 'ord'>): LearningModelRate {
  const eligible = Number(r.eligible);
  const recognized = Number(r.recognized);
  const notRecognized = Number(r.not_recognized);
  const registered = Number(r.registered);
  const targetBp = r.target === null ? null : Math.round(Number(r.target) * BP);
  return {
    area: areaRef(areaId),
    year,
    kind: r.kind,
    eligible,
    registered,
    recognized,
    notRecognized,
    pending: registered - recognized - notRecognized,
    rate: eligible > 0 ? Math.min(1, recognized / eligible) : 0,
    registeredRate: registered > 0 ? recognized / registered : 0,
    target: targetBp === null ? null : targetBp / BP,
    targetAreaId: r.target_area_id,
    targetMet: targetBp === null || eligible === 0 ? null : recognized * BP >= targetBp * eligible,
  };
}

function checkYear(year: number): void {
  if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
}

export class RateService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async ratesFor(keys: readonly RateKey[]): Promise<{ key: string; rates: LearningModelRate[] }[]> {
    const rows: RateRow[] = await this.ds.query(RATES_SQL, [keys.map((k) => k.areaId), keys.map((k) => k.year), keys.map((k) => k.ancestry.join(',')), KINDS]);
    const out = keys.map((k) => ({ key: rateKey(k), rates: [] as LearningModelRate[] }));
    for (const r of rows) {
      const k = keys[Number(r.ord) - 1];
      out[Number(r.ord) - 1].rates.push(toRate(k.areaId, k.year, r));
    }
    return out;
  }

  async rateOf(areaId: string, ancestry: readonly string[], year: number, kind: LearningModelKind): Promise<LearningModelRate> {
    const [{ rates }] = await this.ratesFor([{ areaId, year, ancestry }]);
    return rates.find((r) => r.kind === kind)!;
  }

  /** The target of an area (its subtree inherits it unless a lower area sets its own). */
  async setTarget(
    caller: Caller,
    loaders: DirectoryLoaders,
    year: number,
    kind: LearningModelKind,
    areaId: string,
    target: number,
  ): Promise<LearningModelRate> {
    checkYear(year);
    requireId('Area', areaId, 'areaId');
    if (!Number.isFinite(target) || target < 0 || target > 1) throw badInput(`target ${target} is not a share between 0 and 1 (write 40 % as 0.4)`);
    if (Math.abs(target * BP - Math.round(target * BP)) > 1e-6) throw badInput(`target ${target} has more than 4 decimals (0.0001 is 0.01 %)`);
    const area = await areaOrFail(loaders, areaId);
    const org = await officerOrganization(caller, loaders);
    requireWriterInArea(caller, area.ancestry, org, 'Setting a learning-model target');
    await this.ds.transaction(async (em) => {
      await em.query(
        `INSERT INTO learning_targets (year, kind, area_id, area_ancestry, target) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year, kind, area_id) DO UPDATE SET target = EXCLUDED.target, area_ancestry = EXCLUDED.area_ancestry, updated_at = now()`,
        [year, kind, areaId, area.ancestry, (Math.round(target * BP) / BP).toFixed(4)],
      );
      await this.outbox.append(em, caller, { type: EventType.LEARNING_MODEL_TARGET_SET, subjectId: areaId, areaId, payload: { year, kind, target } });
    });
    return this.rateOf(areaId, area.ancestry, year, kind);
  }

  /**
   * The count of families (clans, villages, units) of the area ITSELF; the rate of an area adds
   * the counts of its whole subtree. The roll-up moves by the difference, in the same transaction.
   */
  async setEligible(
    caller: Caller,
    loaders: DirectoryLoaders,
    year: number,
    kind: LearningModelKind,
    areaId: string,
    count: number,
  ): Promise<LearningModelRate> {
    checkYear(year);
    if (year > +todayInVietnam().slice(0, 4) + 1) throw badInput(`year ${year} is too far ahead`);
    requireId('Area', areaId, 'areaId');
    if (!Number.isInteger(count) || count < 0) throw badInput(`count ${count} must be a whole number ≥ 0`);
    if (count > 5_000_000) throw badInput(`count ${count} is larger than any province has; check the figure`);
    const area = await areaOrFail(loaders, areaId);
    const org = await officerOrganization(caller, loaders);
    requireWriterInArea(caller, area.ancestry, org, 'Setting an eligible count');
    await this.ds.transaction(async (em) => {
      const old: { count: number }[] = await em.query('SELECT count FROM eligible_counts WHERE year = $1 AND kind = $2 AND area_id = $3 FOR UPDATE', [
        year,
        kind,
        areaId,
      ]);
      const previous = old[0]?.count ?? 0;
      // The ancestry of the existing row is the one its count was rolled up along.
      const [{ anc }]: { anc: string[] }[] = await em.query(
        `INSERT INTO eligible_counts (year, kind, area_id, area_ancestry, count) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year, kind, area_id) DO UPDATE SET count = EXCLUDED.count, updated_at = now()
         RETURNING area_ancestry AS anc`,
        [year, kind, areaId, area.ancestry, count],
      );
      if (count !== previous) await bumpRollup(em, [{ ancestry: anc, year, kind, eligible: count - previous }]);
      await this.outbox.append(em, caller, {
        type: EventType.ELIGIBLE_COUNT_SET,
        subjectId: areaId,
        areaId,
        payload: { year, kind, count, previous: old[0] ? previous : null },
      });
    });
    return this.rateOf(areaId, area.ancestry, year, kind);
  }
}
