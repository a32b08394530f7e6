import type { DataSource } from 'typeorm';
import { PlanMetric } from '@khg/domain';
import { metricActual, share, type MetricActual } from '@khg/platform/plan-refs';

/** One area in one year, with what membership says of it in the tree of that year (@requires). */
export interface FigureKey {
  areaId: string;
  year: number;
  subtree: readonly string[];
  isProvince: boolean;
}
export const figureKey = (k: { areaId: string; year: number }) => `${k.areaId}@${k.year}`;

/**
 * Every inspections metric of many (area, year) pairs in ONE statement. Activities, inspections
 * and recommendations are counted where they were recorded (the organisation's area at the time),
 * over the area's subtree of that year. "Made that year" for a recommendation is the Vietnamese
 * calendar day it was recorded on (it has no other date); it counts as resolved when it was
 * resolved by 31 December of that year, so a past year's rate does not move later.
 * Cooperation programmes are signed province-wide (ADMIN, no area): they are counted for a
 * province only; below it nothing is recorded (null).
 */
const FIGURES_SQL = `
WITH q AS (
  SELECT k.ord, k.area_id, k.year, string_to_array(k.sub, ',') AS sub, k.province,
         make_date(k.year, 1, 1) AS y0, make_date(k.year + 1, 1, 1) AS y1
  FROM unnest($1::text[], $2::int[], $3::text[], $4::boolean[]) WITH ORDINALITY AS k(area_id, year, sub, province, ord)
)
SELECT q.ord,
  CASE WHEN q.province THEN (SELECT count(*) FROM cooperation_programs c
     WHERE c.signed_on < q.y1 AND (c.valid_until IS NULL OR c.valid_until >= q.y0))::int END AS programs,
  (SELECT count(*) FROM outreach_activities o
     WHERE o.area_id = ANY (q.sub) AND o.held_on >= q.y0 AND o.held_on < q.y1)::int AS outreach,
  (SELECT count(*) FROM inspections i
     WHERE i.lead_area_id = ANY (q.sub) AND i.status = 'COMPLETED' AND i.completed_on >= q.y0 AND i.completed_on < q.y1)::int AS completed,
  r.made, r.resolved
FROM q
CROSS JOIN LATERAL (
  SELECT count(*)::int AS made, count(*) FILTER (WHERE x.status = 'DONE' AND x.resolved_on < q.y1)::int AS resolved
  FROM recommendations x
  WHERE x.responsible_area_id = ANY (q.sub)
    AND (x.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= q.y0 AND (x.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < q.y1
) r
ORDER BY q.ord`;

interface Row {
  ord: string;
  programs: number | null;
  outreach: number;
  completed: number;
  made: number;
  resolved: number;
}

export class PlanFiguresService {
  constructor(private readonly ds: DataSource) {}

  async figures(keys: readonly FigureKey[]): Promise<MetricActual[][]> {
    const rows: Row[] = await this.ds.query(FIGURES_SQL, [
      keys.map((k) => k.areaId),
      keys.map((k) => k.year),
      keys.map((k) => k.subtree.join(',')),
      keys.map((k) => k.isProvince),
    ]);
    return rows.map((r) => [
      metricActual(PlanMetric.COOPERATION_PROGRAMS, r.programs),
      metricActual(PlanMetric.OUTREACH_ACTIVITIES, r.outreach),
      metricActual(PlanMetric.INSPECTIONS_COMPLETED, r.completed),
      metricActual(PlanMetric.RECOMMENDATIONS_RESOLVED_RATE, share(r.resolved, r.made)),
    ]);
  }
}
