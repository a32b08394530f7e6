import type { DataSource } from 'typeorm';

export interface AwardCountKey {
  areaId: string;
  year: number;
}
export const awardCountKey = (k: AwardCountKey) => `${k.areaId}@${k.year}`;

/** Awards granted that year from every fund at the area or below it (the funds' recorded ancestry, as Area.fundraising): one statement. */
const AWARD_COUNTS_SQL = `
SELECT k.ord,
  (SELECT count(*) FROM funds f JOIN awards a ON a.fund_id = f.id
     AND a.awarded_on >= make_date(k.year, 1, 1) AND a.awarded_on < make_date(k.year + 1, 1, 1)
   WHERE f.area_ancestry @> ARRAY[k.area_id])::int AS n
FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(area_id, year, ord)
ORDER BY k.ord`;

export class PlanFiguresService {
  constructor(private readonly ds: DataSource) {}

  async awardCounts(keys: readonly AwardCountKey[]): Promise<number[]> {
    const rows: { n: number }[] = await this.ds.query(AWARD_COUNTS_SQL, [keys.map((k) => k.areaId), keys.map((k) => k.year)]);
    return rows.map((r) => r.n);
  }
}
