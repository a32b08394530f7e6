import type { DataSource, EntityManager } from 'typeorm';
import { todayInVietnam } from '@khg/domain';
import type { Logger } from '@khg/platform';

/**
 * Serialises a year's full build with the incremental upkeep of the same year: the build holds it
 * exclusively for one year's statement, every write that touches the year's figures shares it. A
 * write committed between the build's snapshot and its insert would otherwise be overwritten by
 * the build's older figures.
 */
export const YEAR_LOCK = `hashtext('khg-org-year-stats')`;

/** Takes the shared per-year lock of the years a write is about to restate (ascending: no deadlock with another writer). */
export const SHARE_YEARS_SQL = `SELECT count(pg_advisory_xact_lock_shared(${YEAR_LOCK}, y)) FROM (SELECT DISTINCT unnest($1::int[]) AS y ORDER BY 1) t`;

/**
 * Every organisation's own year-end figures for one year, in one set-based pass: each member's
 * organisation, status and card at 31 December, fees of that year. The same definitions as the
 * per-key statement in stats.service.ts (a member is counted in the organisation its period names
 * at year end, with its last status change on or before it).
 */
const BUILD_YEAR_SQL = `
WITH ye AS (SELECT make_date($1::int, 12, 31) AS d, make_date($1::int, 1, 1) AS d0),
mem AS (
  SELECT DISTINCT p.organization_id, p.member_id
  FROM membership_periods p, ye WHERE p.from_date <= ye.d AND (p.to_date IS NULL OR p.to_date > ye.d)
), st AS (
  SELECT DISTINCT ON (c.member_id) c.member_id, c.status
  FROM member_status_changes c, ye WHERE c.changed_on <= ye.d
  ORDER BY c.member_id, c.changed_on DESC, c.id DESC
), carded AS (
  SELECT DISTINCT c.member_id FROM member_cards c, ye WHERE c.issued_on <= ye.d AND (c.retired_on IS NULL OR c.retired_on > ye.d)
), issued AS (
  SELECT c.member_id, count(*) AS n FROM member_cards c, ye WHERE c.issued_on BETWEEN ye.d0 AND ye.d GROUP BY c.member_id
), paid AS (
  SELECT DISTINCT member_id FROM fee_payments WHERE year = $1
), per_org AS (
  SELECT m.organization_id,
    count(*) FILTER (WHERE st.status NOT IN ('RESIGNED', 'DECEASED')) AS members,
    count(*) FILTER (WHERE st.status = 'ACTIVE') AS active,
    count(*) FILTER (WHERE st.status = 'ACTIVE' AND cd.member_id IS NOT NULL) AS active_with_card,
    count(*) FILTER (WHERE st.status = 'ACTIVE' AND pd.member_id IS NOT NULL) AS active_paid,
    coalesce(sum(i.n), 0) AS cards_issued
  FROM mem m JOIN st ON st.member_id = m.member_id
  LEFT JOIN carded cd ON cd.member_id = m.member_id
  LEFT JOIN paid pd ON pd.member_id = m.member_id
  LEFT JOIN issued i ON i.member_id = m.member_id
  GROUP BY m.organization_id
), fees AS (
  SELECT organization_id, sum(amount) AS fees FROM fee_payments WHERE year = $1 GROUP BY organization_id
)
INSERT INTO org_year_stats (organization_id, year, members, active, active_with_card, active_paid, cards_issued, fees)
SELECT coalesce(p.organization_id, f.organization_id), $1,
  coalesce(p.members, 0), coalesce(p.active, 0), coalesce(p.active_with_card, 0), coalesce(p.active_paid, 0),
  coalesce(p.cards_issued, 0), coalesce(f.fees, 0)
FROM per_org p FULL JOIN fees f ON f.organization_id = p.organization_id`;

/** Years built at once (each on a connection of its own). */
const BUILD_WORKERS = 2;

async function buildYear(em: EntityManager, year: number): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(${YEAR_LOCK}, $1)`, [year]);
  await em.query('DELETE FROM org_year_stats WHERE year = $1', [year]);
  await em.query(BUILD_YEAR_SQL, [year]);
}

export interface BuildReport {
  years: number;
  ms: number;
}

/**
 * (Re)builds every organisation's year-end rows from the first year on record to this year: a few
 * statements per year whatever the number of members. Given the DataSource, two years at a time,
 * each committing on its own, so writes wait at most one year's statement and readers keep the previous figures until
 * the year's new ones commit; given a transaction (the demo seed), everything commits with it.
 * Records the build in stats_builds when done.
 */
export async function buildOrgYearStats(db: DataSource | EntityManager, log?: Logger): Promise<BuildReport> {
  const started = Date.now();
  const em = 'manager' in db ? db.manager : db;
  const [{ first }] = await em.query(`SELECT extract(year FROM min(from_date))::int AS first FROM membership_periods`);
  const last = +todayInVietnam().slice(0, 4);
  const years = first ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];
  const queue = [...years];
  const worker = async () => {
    for (let year = queue.shift(); year !== undefined; year = queue.shift()) {
      const yearStarted = Date.now();
      await ('manager' in db ? db.transaction((tx) => buildYear(tx, year!)) : buildYear(db, year));
      log?.debug({ year, ms: Date.now() - yearStarted }, 'year-end figures of one year built');
    }
  };
  // Years are independent and PostgreSQL runs an INSERT … SELECT on one core: on its own connections
  // the build takes two years at once. A transaction given (the demo seed) is one connection.
  await Promise.all(Array.from({ length: 'manager' in db ? BUILD_WORKERS : 1 }, worker));
  const report = { years: years.length, ms: Date.now() - started };
  await em.query(
    `INSERT INTO stats_builds (name, through_year, took_ms) VALUES ('org_year_stats', $1, $2)
     ON CONFLICT (name) DO UPDATE SET built_at = now(), through_year = excluded.through_year, took_ms = excluded.took_ms`,
    [last, report.ms],
  );
  log?.info(report, 'membership year-end figures built');
  return report;
}
