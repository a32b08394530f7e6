import type { DataSource } from 'typeorm';
import { referenceDateOfYear } from '@khg/domain';

export interface AreaYearKey {
  areaId: string;
  year: number;
}
export const areaYearKey = (k: AreaYearKey) => `${k.areaId}@${k.year}`;

/** An area in a year, in the tree of that year, with the membership figures that are not year-end statistics. */
export interface AreaYearScope {
  /** the area and every unit under it on the year's reference date */
  subtree: string[];
  population: number | null;
  /** a province (the top of the tree), where province-wide records such as cooperation programmes belong */
  isProvince: boolean;
  /** organisations sitting in the subtree */
  organizationIds: string[];
  newMembers: number;
  charterBooklets: number;
  newOrganizations: number;
}

/**
 * Many (area, year) pairs in ONE statement: the subtree walks `area_parents` valid on the year's
 * reference date (31 December; today for the current year), so a year before a reform reads the
 * tree of that year.
 */
const SCOPE_SQL = `
WITH RECURSIVE q AS (
  SELECT k.ord, k.area_id, k.year, k.ref::date AS ref, make_date(k.year, 1, 1) AS y0, make_date(k.year + 1, 1, 1) AS y1
  FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(area_id, year, ref, ord)
), sub AS (
  SELECT q.ord, q.area_id AS id, q.ref FROM q
  UNION ALL
  SELECT sub.ord, p.area_id, sub.ref FROM sub
  JOIN area_parents p ON p.parent_id = sub.id
   AND (p.valid_from IS NULL OR p.valid_from <= sub.ref) AND (p.valid_to IS NULL OR p.valid_to > sub.ref)
), orgs AS (
  SELECT sub.ord, o.id, o.founded_on FROM sub JOIN organizations o ON o.area_id = sub.id
)
SELECT q.ord,
  (SELECT array_agg(DISTINCT s.id) FROM sub s WHERE s.ord = q.ord) AS subtree,
  (SELECT st.population FROM area_statistics st WHERE st.area_id = q.area_id AND st.year = q.year) AS population,
  coalesce((SELECT a.level = 'PROVINCE' FROM areas a WHERE a.id = q.area_id), false) AS is_province,
  (SELECT coalesce(array_agg(o.id), '{}') FROM orgs o WHERE o.ord = q.ord) AS org_ids,
  (SELECT count(*) FROM orgs o WHERE o.ord = q.ord AND o.founded_on >= q.y0 AND o.founded_on < q.y1)::int AS new_orgs,
  (SELECT count(*) FROM members m JOIN membership_periods p ON p.member_id = m.id AND p.from_date = m.joined_on
     WHERE m.joined_on >= q.y0 AND m.joined_on < q.y1 AND p.organization_id IN (SELECT o.id FROM orgs o WHERE o.ord = q.ord))::int AS new_members,
  (SELECT coalesce(sum(c.quantity), 0) FROM charter_orders c
     WHERE c.status <> 'CANCELLED' AND c.ordered_on >= q.y0 AND c.ordered_on < q.y1
       AND c.organization_id IN (SELECT o.id FROM orgs o WHERE o.ord = q.ord))::int AS booklets
FROM q ORDER BY q.ord`;

interface Row {
  subtree: string[];
  population: number | null;
  is_province: boolean;
  org_ids: string[];
  new_orgs: number;
  new_members: number;
  booklets: number;
}

export class PlanFiguresService {
  constructor(private readonly ds: DataSource) {}

  async scopes(keys: readonly AreaYearKey[]): Promise<AreaYearScope[]> {
    const rows: Row[] = await this.ds.query(SCOPE_SQL, [keys.map((k) => k.areaId), keys.map((k) => k.year), keys.map((k) => referenceDateOfYear(k.year))]);
    return rows.map((r) => ({
      subtree: r.subtree,
      population: r.population,
      isProvince: r.is_province,
      organizationIds: r.org_ids,
      newMembers: r.new_members,
      charterBooklets: r.booklets,
      newOrganizations: r.new_orgs,
    }));
  }
}
