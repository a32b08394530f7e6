import type { DataSource } from 'typeorm';
import { LearningModelKind, PlanMetric } from '@khg/domain';
import { metricActual, share, type MetricActual } from '@khg/platform/plan-refs';

/** One area in one year, with the area ids of its subtree in the tree of that year (from membership). */
export interface FigureKey {
  areaId: string;
  year: number;
  subtree: readonly string[];
}
export const figureKey = (k: { areaId: string; year: number }) => `${k.areaId}@${k.year}`;

/**
 * Every learning-models metric of many (area, year) pairs in ONE statement. Rates read the same
 * maintained roll-up as Area.learningModels (entries stay under the units they were recorded
 * under); courses are counted where they were held, over the area's subtree of that year.
 */
const FIGURES_SQL = `
WITH q AS (
  SELECT k.ord, k.area_id, k.year, string_to_array(k.sub, ',') AS sub,
         make_date(k.year, 1, 1) AS y0, make_date(k.year + 1, 1, 1) AS y1
  FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(area_id, year, sub, ord)
)
SELECT q.ord,
  (SELECT coalesce(json_object_agg(r.kind, json_build_array(r.eligible, r.recognized)), '{}'::json)
     FROM rollup_counts r WHERE r.area_id = q.area_id AND r.year = q.year) AS rates,
  (SELECT count(*) FROM community_learning_centers c
     WHERE c.area_ancestry @> ARRAY[q.area_id] AND (c.established_on IS NULL OR c.established_on < q.y1))::int AS centers,
  (SELECT count(*) FROM community_learning_centers c
     JOIN center_evaluations e ON e.center_id = c.id AND e.year = q.year AND e.grade IN ('GOOD', 'EXCELLENT')
     WHERE c.area_ancestry @> ARRAY[q.area_id])::int AS good,
  (SELECT coalesce(sum(t.participants), 0) FROM training_courses t
     WHERE t.area_id = ANY (q.sub) AND t.held_on >= q.y0 AND t.held_on < q.y1)::int AS trained
FROM q ORDER BY q.ord`;

interface Row {
  ord: string;
  rates: Record<string, [number, number]>;
  centers: number;
  good: number;
  trained: number;
}

const RATE_OF: [PlanMetric, LearningModelKind][] = [
  [PlanMetric.FAMILY_RATE, LearningModelKind.FAMILY],
  [PlanMetric.CLAN_RATE, LearningModelKind.CLAN],
  [PlanMetric.COMMUNITY_RATE, LearningModelKind.COMMUNITY],
  [PlanMetric.UNIT_RATE, LearningModelKind.UNIT],
  [PlanMetric.CITIZEN_RATE, LearningModelKind.CITIZEN],
];

export class PlanFiguresService {
  constructor(private readonly ds: DataSource) {}

  async figures(keys: readonly FigureKey[]): Promise<MetricActual[][]> {
    const rows: Row[] = await this.ds.query(FIGURES_SQL, [keys.map((k) => k.areaId), keys.map((k) => k.year), keys.map((k) => k.subtree.join(','))]);
    return rows.map((r) => [
      // recognised ÷ eligible as LearningModelRate.rate (capped at 1), but null when no eligible count is recorded
      ...RATE_OF.map(([metric, kind]) => {
        const [eligible, recognized] = r.rates[kind] ?? [0, 0];
        const rate = share(Number(recognized), Number(eligible));
        return metricActual(metric, rate === null ? null : Math.min(1, rate));
      }),
      metricActual(PlanMetric.CENTERS_RATED_GOOD_RATE, share(r.good, r.centers)),
      metricActual(PlanMetric.CADRES_TRAINED, r.trained),
    ]);
  }
}
