/**
 * The check of the fault table (scripts/faults.mjs, `npm run bench:faults`): what the database and
 * a subscriber say about one fund's idempotent donations after a fault. Lives here, compiled, so
 * the script and a test (apps/fundraising/test/fault-audit.test.ts) run the same check: the test
 * fabricates losses and doubles behind the platform's back and proves the verdict fails.
 */

/** Runs one SQL statement and returns its rows (the script opens a client per call; a test may bind a transaction). */
export type AuditQuery = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** One `DONATION_RECORDED` event as a subscriber received it. */
export interface ReceivedEvent {
  cursor: string;
  subjectId: string;
}

export interface FundAudit {
  /** what went wrong, in words; empty when nothing was lost, doubled or broken */
  problems: string[];
  /** keys, outbox rows, log rows and subscriber events missing or repeated, added up */
  lostOrDoubled: number;
  ledgerOk: boolean;
  receiptsOk: boolean;
  /** donations of the fund in the database */
  recorded: number;
}

export interface AuditInput {
  query: AuditQuery;
  /** the fund's database id */
  fundId: string;
  /** every idempotency key the writers sent */
  keys: string[];
  /** what the subscriber has received so far (read again while waiting for it to catch up) */
  received: () => ReceivedEvent[];
  /** how long to wait for the relay and the subscriber to catch up before counting what is missing as lost */
  catchUpMs: number;
}

/** Polls `check` until it returns something truthy or the deadline passes (then null). */
async function within<T>(ms: number, check: () => Promise<T | null>): Promise<T | null> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => null);
    if (v) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Occurrences of each value. */
function tally<T>(values: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/** Repeats beyond the first, plus values that should not be there at all. */
function extra<T>(counts: Map<T, number>, expected: Set<T>): number {
  return [...counts.values()].reduce((n, c) => n + c - 1, 0) + [...counts.keys()].filter((k) => !expected.has(k)).length;
}

/**
 * Each key recorded exactly once; the fund's ledger sums to its balance; receipt numbers 1..n
 * without gap; every outbox row of these donations in `events.log` exactly once, matched by the
 * source sequence (not by count: a lost event and a doubled one do not cancel out); the subscriber
 * received every logged cursor once.
 */
export async function auditFund({ query, fundId, keys, received, catchUpMs }: AuditInput): Promise<FundAudit> {
  const problems: string[] = [];
  const rows = await query('SELECT id, idempotency_key AS key, receipt_seq AS seq FROM fundraising.donations WHERE fund_id = $1', [fundId]);
  const byKey = tally(rows.map((r) => String(r.key)));
  const sent = new Set(keys);
  const lostKeys = keys.filter((k) => !byKey.has(k)).length;
  const doubledKeys = extra(byKey, sent);
  if (lostKeys) problems.push(`${lostKeys} keys not recorded`);
  if (doubledKeys) problems.push(`${doubledKeys} donations recorded twice or never sent`);

  const [f] = await query(
    `SELECT f.balance::text AS balance, f.receipts_issued AS issued,
    (SELECT coalesce(sum(amount), 0)::text FROM fundraising.ledger_entries l WHERE l.fund_id = f.id) AS ledger FROM fundraising.funds f WHERE f.id = $1`,
    [fundId],
  );
  const ledgerOk = f.balance === f.ledger;
  if (!ledgerOk) problems.push(`ledger ${String(f.ledger)} ≠ balance ${String(f.balance)}`);
  const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  const receiptsOk = seqs.every((s, i) => s === i + 1) && Number(f.issued) === seqs.length;
  if (!receiptsOk) problems.push(`receipt numbers not 1..${seqs.length} (issued ${String(f.issued)})`);

  const ids = rows.map((r) => String(r.id));
  const outbox = await query(`SELECT seq::text AS seq, subject_id FROM fundraising.outbox_events WHERE subject_id = ANY($1) AND type = 'DONATION_RECORDED'`, [
    ids,
  ]);
  const perSubject = tally(outbox.map((o) => String(o.subject_id)));
  const outboxLost = ids.filter((id) => !perSubject.has(id)).length;
  const outboxDoubled = extra(perSubject, new Set(ids));
  if (outboxLost || outboxDoubled) problems.push(`outbox: ${outboxLost} events missing, ${outboxDoubled} doubled`);

  const seqSet = new Set(outbox.map((o) => String(o.seq)));
  const readLog = () =>
    query(
      `SELECT cursor::text AS cursor, source_seq::text AS seq FROM events.log WHERE source = 'fundraising' AND subject_id = ANY($1) AND type = 'DONATION_RECORDED'`,
      [ids],
    );
  const logged =
    (await within(catchUpMs, async () => {
      const l = await readLog();
      return new Set(l.map((x) => String(x.seq))).size >= seqSet.size ? l : null;
    })) ?? (await readLog());
  const logSeqs = tally(logged.map((l) => String(l.seq)));
  const logLost = [...seqSet].filter((s) => !logSeqs.has(s)).length;
  const logDoubled = extra(logSeqs, seqSet);
  if (logLost || logDoubled) problems.push(`event log: ${logLost} outbox rows missing, ${logDoubled} doubled`);

  const cursors = new Set(logged.map((l) => String(l.cursor)));
  const idSet = new Set(ids);
  const mine = () => received().filter((e) => idSet.has(e.subjectId));
  const got = (await within(catchUpMs, async () => (new Set(mine().map((e) => e.cursor)).size >= cursors.size ? mine() : null))) ?? mine();
  const gotCount = tally(got.map((e) => e.cursor));
  const subMissed = [...cursors].filter((c) => !gotCount.has(c)).length;
  const subRepeated = extra(gotCount, cursors);
  if (subMissed || subRepeated) problems.push(`subscriber: ${subMissed} events missed, ${subRepeated} repeated`);

  const lostOrDoubled = lostKeys + doubledKeys + outboxLost + outboxDoubled + logLost + logDoubled + subMissed + subRepeated;
  return { problems, lostOrDoubled, ledgerOk, receiptsOk, recorded: rows.length };
}

/** The run's verdict: one line per scenario with a problem; the script exits 1 when there is any. */
export function faultTableFailures(rows: { scenario: string; problems: string[] }[]): string[] {
  return rows.filter((r) => r.problems.length).map((r) => `FAILED ${r.scenario}: ${r.problems.join('; ')}`);
}
