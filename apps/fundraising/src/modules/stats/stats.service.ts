import type { DataSource } from 'typeorm';

export interface StatsKey {
  areaId: string;
  year: number;
  /** area ids from the province down to this area (inclusive), for the nearest campaign target */
  ancestry: string[];
}
export const statsKey = (k: StatsKey) => `${k.areaId}|${k.year}`;

export interface AreaTotals { key: string; raised: bigint; awarded: bigint; balance: bigint; target: bigint | null }

interface Row { ord: string; raised: string; awarded: string; balance: string; target: string | null }

/**
 * One statement for any number of (area, year) pairs: every fund whose recorded area ancestry
 * contains the area (GIN index on funds.area_ancestry) counts towards it, so a province sums its
 * districts and communes without walking the tree. The target is the one of the deepest fund at
 * the area or above it that launched a campaign with a target that year.
 */
const TOTALS_SQL = `
WITH q AS (
  SELECT k.ord, k.area_id, k.year, string_to_array(k.anc, ',') AS ancestry,
         make_date(k.year, 1, 1) AS y0, make_date(k.year + 1, 1, 1) AS y1
  FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(area_id, year, anc, ord)
)
SELECT q.ord,
  (SELECT coalesce(sum(d.amount), 0) FROM funds f
     JOIN donations d ON d.fund_id = f.id AND NOT d.voided AND d.received_on >= q.y0 AND d.received_on < q.y1
     WHERE f.area_ancestry @> ARRAY[q.area_id])::text AS raised,
  (SELECT coalesce(sum(a.amount), 0) FROM funds f
     JOIN awards a ON a.fund_id = f.id AND a.awarded_on >= q.y0 AND a.awarded_on < q.y1
     WHERE f.area_ancestry @> ARRAY[q.area_id])::text AS awarded,
  (SELECT coalesce(sum(l.amount), 0) FROM funds f
     JOIN ledger_entries l ON l.fund_id = f.id AND l.entry_on < q.y1
     WHERE f.area_ancestry @> ARRAY[q.area_id])::text AS balance,
  (SELECT c.per_capita_target FROM campaigns c JOIN funds f ON f.id = c.fund_id
     WHERE c.year = q.year AND c.per_capita_target IS NOT NULL AND f.area_id = ANY(q.ancestry)
     ORDER BY array_position(q.ancestry, f.area_id) DESC, c.created_at DESC, c.id DESC LIMIT 1)::text AS target
FROM q`;

export class StatsService {
  constructor(private readonly ds: DataSource) {}

  async totals(keys: readonly StatsKey[]): Promise<AreaTotals[]> {
    const rows: Row[] = await this.ds.query(TOTALS_SQL, [
      keys.map((k) => k.areaId), keys.map((k) => k.year), keys.map((k) => (k.ancestry.length ? k.ancestry : [k.areaId]).join(',')),
    ]);
    return rows.map((r) => ({
      key: statsKey(keys[Number(r.ord) - 1]),
      raised: BigInt(r.raised), awarded: BigInt(r.awarded), balance: BigInt(r.balance),
      target: r.target === null ? null : BigInt(r.target),
    }));
  }
}
