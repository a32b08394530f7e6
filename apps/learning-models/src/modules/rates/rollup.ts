import type { EntityManager } from 'typeorm';
import type { LearningModelKind } from '@khg/domain';

/** A change of one area's own figures; it applies to the area and every ancestor. */
export interface RollupDelta {
  ancestry: readonly string[];
  year: number;
  kind: LearningModelKind;
  eligible?: number;
  registered?: number;
  recognized?: number;
  notRecognized?: number;
}

const UPSERT = `
INSERT INTO rollup_counts AS r (area_id, year, kind, eligible, registered, recognized, not_recognized)
SELECT a.area_id, d.year, d.kind, sum(d.el), sum(d.reg), sum(d.rec), sum(d.nrec)
FROM (%SOURCE%) AS d
CROSS JOIN LATERAL unnest(d.anc) AS a(area_id)
GROUP BY a.area_id, d.year, d.kind
-- a fixed lock order, so two transactions touching the same ancestors cannot deadlock
ORDER BY a.area_id, d.year, d.kind
ON CONFLICT (area_id, year, kind) DO UPDATE SET
  eligible = r.eligible + EXCLUDED.eligible,
  registered = r.registered + EXCLUDED.registered,
  recognized = r.recognized + EXCLUDED.recognized,
  not_recognized = r.not_recognized + EXCLUDED.not_recognized`;

/** Applies deltas to the maintained roll-up in one statement, inside the change's transaction. */
export async function bumpRollup(em: EntityManager, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const source = `SELECT string_to_array(x.anc, ',') AS anc, x.year, x.kind, x.el, x.reg, x.rec, x.nrec
    FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::int[], $6::int[], $7::int[]) AS x(anc, year, kind, el, reg, rec, nrec)`;
  await em.query(UPSERT.replace('%SOURCE%', source), [
    deltas.map((d) => d.ancestry.join(',')),
    deltas.map((d) => d.year),
    deltas.map((d) => d.kind),
    deltas.map((d) => d.eligible ?? 0),
    deltas.map((d) => d.registered ?? 0),
    deltas.map((d) => d.recognized ?? 0),
    deltas.map((d) => d.notRecognized ?? 0),
  ]);
}

/** Counts newly registered entries (by id) into the roll-up: one statement for a whole batch. */
export async function rollupRegistered(em: EntityManager, entryIds: readonly string[]): Promise<void> {
  if (entryIds.length === 0) return;
  const source = `SELECT e.area_ancestry AS anc, e.year, e.kind, 0::bigint AS el, 1 AS reg,
      (e.status = 'RECOGNIZED')::int AS rec, (e.status = 'NOT_RECOGNIZED')::int AS nrec
    FROM learning_model_entries e WHERE e.id = ANY($1::text[])`;
  await em.query(UPSERT.replace('%SOURCE%', source), [entryIds]);
}

/** The whole roll-up from entries and eligible counts, into an empty `rollup_counts` (the bench's loader runs it too). */
export const REBUILD_ROLLUP_SQL = `
INSERT INTO rollup_counts (area_id, year, kind, eligible, registered, recognized, not_recognized)
SELECT x.area_id, x.year, x.kind, sum(x.el), sum(x.reg), sum(x.rec), sum(x.nrec)
FROM (
  SELECT unnest(e.area_ancestry) AS area_id, e.year, e.kind, 0::bigint AS el, 1 AS reg,
         (e.status = 'RECOGNIZED')::int AS rec, (e.status = 'NOT_RECOGNIZED')::int AS nrec
  FROM learning_model_entries e
  UNION ALL
  SELECT unnest(c.area_ancestry), c.year, c.kind, c.count, 0, 0, 0 FROM eligible_counts c
) x
GROUP BY x.area_id, x.year, x.kind`;

/**
 * Recomputes the whole roll-up from entries and eligible counts (demo seed, bulk loads, and a
 * repair if the maintained table were ever doubted): one statement.
 */
export async function rebuildRollup(em: EntityManager): Promise<void> {
  await em.query('DELETE FROM rollup_counts');
  await em.query(REBUILD_ROLLUP_SQL);
}
