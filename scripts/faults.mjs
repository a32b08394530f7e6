#!/usr/bin/env node
// The fault table (docs/operations.md): boots its own platform (embedded PostgreSQL, four subgraphs,
// gateway), breaks it one way at a time while idempotent donations are written (each retried with
// its key until it goes through) and reads run, then checks FROM THE DATABASE that nothing was lost
// or doubled: each key recorded once, each fund's ledger equal to its balance, receipt numbers
// gapless, every outbox row in the event log exactly once (by source and sequence), and a
// subscriber that reconnects with its last cursor received every event once. Exits 1 when a
// scenario lost or doubled anything, broke an invariant, or did not recover. Run after a build:
//   node scripts/faults.mjs      (or: npm run bench:faults)
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
const { startThrowawayPlatform } = require('../packages/stack/dist/index.js');
const { signUserToken } = require('../packages/platform/dist/index.js');
const { Client } = require('pg');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

/** How long a scenario may take to get every write through and every event delivered after its fault ends. */
const RECOVERY_DEADLINE_MS = 60_000;
const DONATIONS = 60;

const t0 = await startThrowawayPlatform({
  prefix: 'khg-faults-',
  restartableDatabase: true,
  env: { SUBGRAPH_TIMEOUT_MS: '1500', EVENT_POLL_MS: '200', RATE_LIMIT_CALLER: '1000/5000', SHUTDOWN_GRACE_MS: '5000' },
});
const p = t0.platform;
let dbUrl = t0.db.url;
const url = t0.gatewayUrl;
const admin = await signUserToken(t0.jwtSecret, { sub: 'faults-admin', role: 'ADMIN' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const step = (m) => process.stderr.write(`[faults] ${m}\n`);

async function gql(query, variables = {}) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(10_000),
    });
    return await res.json();
  } catch (e) {
    return { errors: [{ message: e.message, extensions: { code: 'NETWORK' } }] };
  }
}

async function query(text, params = []) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Polls `check` until it returns something truthy or the deadline passes (then null). */
async function within(ms, check) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => null);
    if (v) return v;
    if (Date.now() > end) return null;
    await sleep(100);
  }
}

/** Counts requests and errors of a stream; `lastError` dates the last failure (for the recovery time). */
const counters = () => ({ sent: 0, errors: 0, lastError: 0, writesInFlight: 0, inFlightAtFault: 0 });

/**
 * Reads in a loop until stopped: partial results and timeouts are what callers see during the fault.
 * Each read names another (absent) id, so the gateway's response cache cannot answer it.
 */
function reads(c, q, prefix) {
  let stopped = false;
  let i = 0;
  const done = (async () => {
    while (!stopped) {
      c.sent++;
      const r = await gql(q, { id: `${prefix}_${absent(i++)}` });
      if (r.errors) {
        c.errors++;
        c.lastError = Date.now();
      }
      await sleep(20);
    }
  })();
  return async () => {
    stopped = true;
    await done;
  };
}

/**
 * Writes `keys.length` idempotent donations one after another, each retried with its key until it is
 * recorded (a retry after a commit whose answer was lost replays it). Resolves false if a key has
 * not gone through by the deadline, counted from `deadlineFrom()` (the end of the fault).
 */
function donations(c, fund, keys, deadlineFrom) {
  return (async () => {
    for (const key of keys) {
      for (;;) {
        c.sent++;
        c.writesInFlight++;
        const r = await gql('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }', {
          i: { fundId: fund, donorName: 'Nhà hảo tâm', amount: 100000, receivedOn: '2018-05-10', method: 'CASH', idempotencyKey: key },
        }).finally(() => {
          c.writesInFlight--;
        });
        if (!r.errors && r.data?.recordDonation?.id) break;
        c.errors++;
        c.lastError = Date.now();
        const from = deadlineFrom();
        if (from && Date.now() - from > RECOVERY_DEADLINE_MS) return false;
        await sleep(100);
      }
    }
    return true;
  })();
}

/**
 * A departmental subscriber: one graphql-ws connection at a time; when the gateway closes it (1012 on
 * SIGTERM) or the connection fails, it connects again and resumes after the last cursor it received.
 */
function subscriber(after) {
  const s = { received: [], last: after, stopped: false, client: null, reconnects: 0 };
  const connect = () => {
    if (s.stopped) return;
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${admin}` },
      onNonLazyError: () => undefined,
    });
    s.client = client;
    let again = false;
    const reconnect = () => {
      if (again) return;
      again = true;
      s.reconnects++;
      void client.dispose();
      setTimeout(connect, 200);
    };
    client.subscribe(
      { query: 'subscription($after: String) { events(types: [DONATION_RECORDED], after: $after) { cursor subjectId } }', variables: { after: s.last } },
      {
        next: ({ data }) => {
          if (!data) return;
          s.received.push({ cursor: data.events.cursor, subjectId: data.events.subjectId });
          s.last = data.events.cursor;
        },
        error: reconnect,
        complete: reconnect,
      },
    );
  };
  connect();
  s.stop = async () => {
    s.stopped = true;
    await s.client?.dispose();
  };
  return s;
}

async function newFund(label) {
  const code = `F${randomUUID().slice(0, 8)}`;
  const area = (await gql('mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }', { i: { level: 'PROVINCE', name: `Tỉnh ${label}`, code } })).data
    .createArea.id;
  const org = (
    await gql('mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
      i: { areaId: area, name: `Hội ${label}`, kind: 'ASSOCIATION', host: 'ADMINISTRATIVE' },
    })
  ).data.createOrganization.id;
  return (await gql('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', { o: org, n: `Quỹ ${label}` })).data.openFund.id;
}

/**
 * Everything the database and the subscriber say about one fund's donations, once the relay and the
 * subscriber have caught up (or the deadline passed: then what is missing counts as lost).
 */
async function audit(fund, keys, sub) {
  const problems = [];
  const rows = await query('SELECT id, idempotency_key AS key, receipt_seq AS seq FROM fundraising.donations WHERE fund_id = $1', [fund]);
  const byKey = new Map();
  for (const r of rows) byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
  const lostKeys = keys.filter((k) => !byKey.has(k)).length;
  const doubledKeys = [...byKey.values()].reduce((n, c) => n + c - 1, 0) + [...byKey.keys()].filter((k) => !keys.includes(k)).length;
  if (lostKeys) problems.push(`${lostKeys} keys not recorded`);
  if (doubledKeys) problems.push(`${doubledKeys} donations recorded twice or never sent`);

  const [f] = await query(
    `SELECT f.balance::text AS balance, f.receipts_issued AS issued,
    (SELECT coalesce(sum(amount), 0)::text FROM fundraising.ledger_entries l WHERE l.fund_id = f.id) AS ledger FROM fundraising.funds f WHERE f.id = $1`,
    [fund],
  );
  const ledgerOk = f.balance === f.ledger;
  if (!ledgerOk) problems.push(`ledger ${f.ledger} ≠ balance ${f.balance}`);
  const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  const receiptsOk = seqs.every((s, i) => s === i + 1) && f.issued === seqs.length;
  if (!receiptsOk) problems.push(`receipt numbers not 1..${seqs.length} (issued ${f.issued})`);

  // Every outbox row of these donations in the log exactly once, matched by (source, sequence).
  const ids = rows.map((r) => r.id);
  const outbox = await query(`SELECT seq::text AS seq, subject_id FROM fundraising.outbox_events WHERE subject_id = ANY($1) AND type = 'DONATION_RECORDED'`, [
    ids,
  ]);
  const perSubject = new Map();
  for (const o of outbox) perSubject.set(o.subject_id, (perSubject.get(o.subject_id) ?? 0) + 1);
  const outboxLost = ids.filter((id) => !perSubject.has(id)).length;
  const outboxDoubled = [...perSubject.values()].reduce((n, c) => n + c - 1, 0);
  if (outboxLost || outboxDoubled) problems.push(`outbox: ${outboxLost} events missing, ${outboxDoubled} doubled`);
  const seqSet = new Set(outbox.map((o) => o.seq));
  const logged =
    (await within(RECOVERY_DEADLINE_MS, async () => {
      const l = await query(
        `SELECT cursor::text AS cursor, source_seq::text AS seq FROM events.log WHERE source = 'fundraising' AND subject_id = ANY($1) AND type = 'DONATION_RECORDED'`,
        [ids],
      );
      return new Set(l.map((x) => x.seq)).size >= seqSet.size ? l : null;
    })) ??
    (await query(
      `SELECT cursor::text AS cursor, source_seq::text AS seq FROM events.log WHERE source = 'fundraising' AND subject_id = ANY($1) AND type = 'DONATION_RECORDED'`,
      [ids],
    ));
  const logSeqs = new Map();
  for (const l of logged) logSeqs.set(l.seq, (logSeqs.get(l.seq) ?? 0) + 1);
  const logLost = [...seqSet].filter((s) => !logSeqs.has(s)).length;
  const logDoubled = [...logSeqs.values()].reduce((n, c) => n + c - 1, 0) + [...logSeqs.keys()].filter((s) => !seqSet.has(s)).length;
  if (logLost || logDoubled) problems.push(`event log: ${logLost} outbox rows missing, ${logDoubled} doubled`);

  // The subscriber received each logged cursor once, no gap, no repeat.
  const cursors = new Set(logged.map((l) => l.cursor));
  const idSet = new Set(ids);
  const got =
    (await within(RECOVERY_DEADLINE_MS, async () => {
      const mine = sub.received.filter((e) => idSet.has(e.subjectId));
      return new Set(mine.map((e) => e.cursor)).size >= cursors.size ? mine : null;
    })) ?? sub.received.filter((e) => idSet.has(e.subjectId));
  const gotCount = new Map();
  for (const e of got) gotCount.set(e.cursor, (gotCount.get(e.cursor) ?? 0) + 1);
  const subMissed = [...cursors].filter((c) => !gotCount.has(c)).length;
  const subRepeated = [...gotCount.values()].reduce((n, c) => n + c - 1, 0) + [...gotCount.keys()].filter((c) => !cursors.has(c)).length;
  if (subMissed || subRepeated) problems.push(`subscriber: ${subMissed} events missed, ${subRepeated} repeated`);

  const lostOrDoubled = lostKeys + doubledKeys + outboxLost + outboxDoubled + logLost + logDoubled + subMissed + subRepeated;
  return { problems, lostOrDoubled, ledgerOk, receiptsOk, recorded: rows.length };
}

const rows = [];
step('platform up');
const [{ max }] = await query('SELECT coalesce(max(cursor), 0)::text AS max FROM events.log');
const sub = subscriber(max);
const MIXED = 'query($id: ID!) { areas(level: PROVINCE) { id } fund(id: $id) { id } }';
const FROZEN = 'query($id: ID!) { areas(level: PROVINCE) { id } inspection(id: $id) { id } }';
const absent = (i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;

/**
 * One scenario: a fresh fund, reads and donations running, `fault(lifted)` (which calls `lifted()`
 * when it starts to undo the fault: restart command, SIGCONT), then the audit. Time to recover:
 * from `lifted()` to the last error a caller saw.
 */
async function scenario(title, readQuery, prefix, fault) {
  step(title);
  const fund = await newFund(title.slice(0, 20));
  const keys = Array.from({ length: DONATIONS }, () => randomUUID());
  const c = counters();
  let back = 0;
  const stopReads = reads(c, readQuery, prefix);
  // Three writers at once, so receipts are numbered under contention and writes are in flight at the fault.
  const writing = Promise.all(
    [0, 1, 2].map((w) =>
      donations(
        c,
        fund,
        keys.filter((_, i) => i % 3 === w),
        () => back,
      ),
    ),
  );
  await within(10_000, async () => c.sent > 10 && c.writesInFlight > 0);
  c.inFlightAtFault = c.writesInFlight;
  await fault(() => {
    back = Date.now();
  });
  back ||= Date.now();
  const wrote = (await writing).every(Boolean);
  // Reads must be whole again too.
  const readsBack = await within(RECOVERY_DEADLINE_MS, async () => !(await gql(readQuery, { id: `${prefix}_${absent(999_999)}` })).errors);
  await stopReads();
  const a = await audit(fund, keys, sub);
  if (!wrote) a.problems.push(`donations still failing ${RECOVERY_DEADLINE_MS / 1000} s after the fault`);
  if (!readsBack) a.problems.push(`reads still failing ${RECOVERY_DEADLINE_MS / 1000} s after the fault`);
  rows.push({
    scenario: title,
    sent: c.sent,
    errors: c.errors,
    recorded: `${a.recorded}/${keys.length}`,
    lostOrDoubled: a.lostOrDoubled,
    inFlight: c.inFlightAtFault,
    invariants: a.ledgerOk && a.receiptsOk ? 'yes' : 'NO',
    recoverMs: Math.max(0, c.lastError - back),
    problems: a.problems,
  });
  step(`${title}: ${a.problems.length ? a.problems.join('; ') : 'ok'}`);
}

await scenario('fundraising subgraph killed 2 s (partial results)', MIXED, 'fund', async (lifted) => {
  p.subgraphs.fundraising.child.kill('SIGKILL');
  await sleep(2000);
  lifted(); // the restart command: recovery includes the subgraph's boot
  p.subgraphs.fundraising = await p.subgraphs.fundraising.restart();
});

await scenario('inspections subgraph frozen 4 s (timeout 1.5 s)', FROZEN, 'insp', async (lifted) => {
  p.subgraphs.inspections.child.kill('SIGSTOP');
  await sleep(4000);
  lifted();
  p.subgraphs.inspections.child.kill('SIGCONT');
});

await scenario('PostgreSQL restarted (1 s down)', MIXED, 'fund', async (lifted) => {
  await t0.db.stop();
  await sleep(1000);
  lifted();
  const db = await t0.startDatabaseAgain();
  dbUrl = db.url;
});

let restartMs = 0;
await scenario('gateway SIGTERM + restart, writes in flight', MIXED, 'fund', async (lifted) => {
  const stopped = Date.now();
  const stopping = p.gateway.stop(); // SIGTERM while donations are in flight (see inFlightAtFault)
  await stopping;
  lifted();
  p.gateway = await p.gateway.restart();
  restartMs = Date.now() - stopped;
});
rows[rows.length - 1].scenario = `gateway SIGTERM with ${rows[rows.length - 1].inFlight} writes in flight + restart (${restartMs} ms down)`;

await sub.stop();
await t0.stop();

const head = [
  'scenario',
  'requests sent',
  'errors returned',
  'donations recorded',
  'records lost or doubled',
  'ledger = balance, receipts gapless',
  'time to recover (ms)',
];
const table = rows.map((r) => [r.scenario, r.sent, r.errors, r.recorded, r.lostOrDoubled, r.invariants, r.recoverMs].map(String));
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
console.log(`subscriber: ${sub.received.length} donation events received over ${sub.reconnects + 1} connections`);
const failed = rows.filter((r) => r.problems.length);
for (const r of failed) console.log(`FAILED ${r.scenario}: ${r.problems.join('; ')}`);
process.exit(failed.length ? 1 : 0);
