import type { DataSource } from 'typeorm';
import type { MembershipStats } from './stats.types';

export interface StatsKey { organizationId: string; year: number; includeDescendants: boolean }
export const statsKey = (k: StatsKey) => `${k.organizationId}|${k.year}|${k.includeDescendants}`;

interface Row { ord: string; members: string; active: string; active_with_card: string; active_paid: string; cards_issued: string; fees: string }

/**
 * Membership figures as of 31 December, from the history tables (periods, status changes, card
 * retirements), so a past year reads the same today as it did then. One statement for any number
 * of (organisation, year) pairs.
 */
const STATS_SQL = `
WITH q AS (
  SELECT k.ord, k.org_id, k.year, k.descendants, make_date(k.year, 12, 31) AS year_end
  FROM unnest($1::text[], $2::int[], $3::bool[]) WITH ORDINALITY AS k(org_id, year, descendants, ord)
), scope AS (
  SELECT q.ord, o.id AS org_id
  FROM q JOIN organizations root ON root.id = q.org_id
  JOIN organizations o ON (q.descendants AND o.path <@ root.path) OR (NOT q.descendants AND o.id = root.id)
), mem AS (
  SELECT DISTINCT s.ord, p.member_id
  FROM scope s JOIN q ON q.ord = s.ord
  JOIN membership_periods p ON p.organization_id = s.org_id
  WHERE p.from_date <= q.year_end AND (p.to_date IS NULL OR p.to_date > q.year_end)
), st AS (
  SELECT m.ord, m.member_id, (
    SELECT c.status FROM member_status_changes c
    WHERE c.member_id = m.member_id AND c.changed_on <= q.year_end
    ORDER BY c.changed_on DESC, c.id DESC LIMIT 1) AS status
  FROM mem m JOIN q ON q.ord = m.ord
)
SELECT q.ord,
  count(st.member_id) FILTER (WHERE st.status NOT IN ('RESIGNED', 'DECEASED')) AS members,
  count(st.member_id) FILTER (WHERE st.status = 'ACTIVE') AS active,
  count(st.member_id) FILTER (WHERE st.status = 'ACTIVE' AND EXISTS (
    SELECT 1 FROM member_cards c WHERE c.member_id = st.member_id AND c.issued_on <= q.year_end
      AND (c.retired_on IS NULL OR c.retired_on > q.year_end))) AS active_with_card,
  count(st.member_id) FILTER (WHERE st.status = 'ACTIVE' AND EXISTS (
    SELECT 1 FROM fee_payments f WHERE f.member_id = st.member_id AND f.year = q.year)) AS active_paid,
  (SELECT count(*) FROM member_cards c JOIN mem m2 ON m2.member_id = c.member_id AND m2.ord = q.ord
    WHERE c.issued_on BETWEEN make_date(q.year, 1, 1) AND q.year_end) AS cards_issued,
  (SELECT coalesce(sum(f.amount), 0) FROM fee_payments f JOIN scope s2 ON s2.org_id = f.organization_id AND s2.ord = q.ord
    WHERE f.year = q.year) AS fees
FROM q LEFT JOIN st ON st.ord = q.ord
GROUP BY q.ord, q.year, q.year_end`;

export class StatsService {
  constructor(private readonly ds: DataSource) {}

  async statsFor(keys: readonly StatsKey[]): Promise<{ key: string; stats: MembershipStats }[]> {
    const rows: Row[] = await this.ds.query(STATS_SQL, [
      keys.map((k) => k.organizationId), keys.map((k) => k.year), keys.map((k) => k.includeDescendants),
    ]);
    return rows.map((r) => {
      const active = Number(r.active);
      const rate = (n: string) => (active === 0 ? 0 : Number(n) / active);
      return {
        key: statsKey(keys[Number(r.ord) - 1]),
        stats: {
          members: Number(r.members), activeMembers: active, cardsIssued: Number(r.cards_issued),
          cardIssuanceRate: rate(r.active_with_card), feesCollected: BigInt(r.fees), feeCollectionRate: rate(r.active_paid),
        },
      };
    });
  }
}
