import type { DataSource } from 'typeorm';

export interface StatsKey {
  areaId: string;
  year: number;
  /** area ids from the province down to this area (inclusive), for the nearest campaign target */
  ancestry: string[];
}
export const statsKey = (k: StatsKey) => `${k.areaId}|${k.year}`;

export interface AreaTotals {
  key: string;
  raised: bigint;
  awarded: bigint;
  balance: bigint;
  target: bigint | null;
}

interface Row {
  ord: string;
  raised: string;
  awarded: string;
  balance: string;
  target: string | null;
}

/**
 * One statement for any number of (area, year) pairs: every fund whose recorded area ancestry
 * contains the area (GIN index on funds.area_ancestry) counts towards it, so a province sums its
 * districts and communes without walking the tree. The target is the one of the deepest fund at
 * the area or above it that launched a campaign with a target that year.
 */
/** From the ledger tables themselves: used only until fund_year_totals is known to be filled. */
const LIVE_TOTALS_SQL = `
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

/** From the maintained per-fund-year totals: a few rows per fund whatever the number of donations. */
const TOTALS_SQL = `
WITH q AS (
  SELECT k.ord, k.area_id, k.year, string_to_array(k.anc, ',') AS ancestry
  FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS k(area_id, year, anc, ord)
), sel AS (
  SELECT q.ord, q.year, f.id FROM q JOIN funds f ON f.area_ancestry @> ARRAY[q.area_id]
), sums AS (
  SELECT sel.ord,
    coalesce(sum(t.raised) FILTER (WHERE t.year = sel.year), 0) AS raised,
    coalesce(sum(t.awarded) FILTER (WHERE t.year = sel.year), 0) AS awarded,
    coalesce(sum(t.net), 0) AS balance
  FROM sel JOIN fund_year_totals t ON t.fund_id = sel.id AND t.year <= sel.year
  GROUP BY sel.ord
)
SELECT q.ord,
  coalesce(s.raised, 0)::text AS raised, coalesce(s.awarded, 0)::text AS awarded, coalesce(s.balance, 0)::text AS balance,
  (SELECT c.per_capita_target FROM campaigns c JOIN funds f ON f.id = c.fund_id
     WHERE c.year = q.year AND c.per_capita_target IS NOT NULL AND f.area_id = ANY(q.ancestry)
     ORDER BY array_position(q.ancestry, f.area_id) DESC, c.created_at DESC, c.id DESC LIMIT 1)::text AS target
FROM q LEFT JOIN sums s ON s.ord = q.ord`;

/**
 * Fills fund_year_totals from the ledger, for entries written without the trigger (bulk loads).
 * The migration that created the table ran its own copy once; this one is the service's to change.
 */
const FILL_FUND_YEAR_TOTALS_SQL = `
INSERT INTO fund_year_totals (fund_id, year, raised, awarded, net)
SELECT fund_id, extract(year FROM entry_on)::int,
  coalesce(sum(amount) FILTER (WHERE kind IN ('DONATION', 'VOID')), 0),
  coalesce(-sum(amount) FILTER (WHERE kind = 'AWARD'), 0),
  sum(amount)
FROM ledger_entries GROUP BY fund_id, extract(year FROM entry_on)::int;`;

export class StatsService {
  /** true once fund_year_totals is known to hold every ledger entry */
  private ready = false;

  constructor(private readonly ds: DataSource) {}

  /**
   * Bulk loads write the ledger without the trigger: fill the totals when they are missing,
   * once per database (advisory lock); the live SQL answers meanwhile.
   */
  async ensureFilled(): Promise<void> {
    this.ready = await this.ds.transaction(async (tx) => {
      const [{ ok }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('khg-fund-year-totals')) AS ok`);
      if (!ok) return false;
      const [{ filled, entries }] = await tx.query(
        'SELECT EXISTS (SELECT 1 FROM fund_year_totals) AS filled, EXISTS (SELECT 1 FROM ledger_entries) AS entries',
      );
      if (!filled && entries) await tx.query(FILL_FUND_YEAR_TOTALS_SQL);
      return true;
    });
    if (!this.ready) setTimeout(() => void this.ensureFilled().catch(() => undefined), 5000);
  }

  async totals(keys: readonly StatsKey[]): Promise<AreaTotals[]> {
    const rows: Row[] = await this.ds.query(this.ready ? TOTALS_SQL : LIVE_TOTALS_SQL, [
      keys.map((k) => k.areaId),
      keys.map((k) => k.year),
      keys.map((k) => (k.ancestry.length ? k.ancestry : [k.areaId]).join(',')),
    ]);
    return rows.map((r) => ({
      key: statsKey(keys[Number(r.ord) - 1]),
      raised: BigInt(r.raised),
      awarded: BigInt(r.awarded),
      balance: BigInt(r.balance),
      target: r.target === null ? null : BigInt(r.target),
    }));
  }
}
