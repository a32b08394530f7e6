#!/usr/bin/env node
// The fault table (docs/operations.md): boots its own platform (embedded PostgreSQL, four subgraphs,
// gateway), breaks it one way at a time while idempotent donations are written (each retried with
// its key until it goes through) and reads run, then checks FROM THE DATABASE that nothing was lost
// or doubled: each key recorded once, each fund's ledger equal to its balance, receipt numbers
// gapless, every outbox row in the event log exactly once (by source and sequence), and a
// subscriber that reconnects with its last cursor received every event once. Exits 1 when a
// scenario lost or doubled anything, broke an invariant, or did not recover. Run after a build:
//   node scripts/faults.mjs      (or: npm run bench:faults)
// The check is auditFund of @khg/testing (src/fault-audit.ts), tested on fabricated losses.
// To see the run fail on a real loss, damage the first scenario's data behind the platform's back
// just before its audit: FAULTS_INJECT=lose-event (deletes one event-log row), double-donation (a
// copy of a donation under a key no writer sent), unbalance (a balance changed without a ledger entry).
// FAULTS_SCENARIOS=1,3 runs only those scenarios (numbered from 1).
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
const { startThrowawayPlatform } = require('../packages/stack/dist/index.js');
const { signUserToken } = require('../packages/platform/dist/index.js');
const { auditFund, faultTableFailures } = require('../packages/testing/dist/fault-audit.js');
const { Client } = require('pg');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

/** How long a scenario may take to get every write through and every event delivered after its fault ends. */
const RECOVERY_DEADLINE_MS = 60_000;
const DONATIONS = 60;
const INJECT = process.env.FAULTS_INJECT ?? '';
const INJECTIONS = ['lose-event', 'double-donation', 'unbalance'];
if (INJECT && !INJECTIONS.includes(INJECT)) {
  console.error(`FAULTS_INJECT must be one of ${INJECTIONS.join(', ')}`);
  process.exit(2);
}
const ONLY = (process.env.FAULTS_SCENARIOS ?? '').split(',').filter(Boolean).map(Number);

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

/**
 * Setup before a fault is not measured: a write that failed (a subgraph slower than the 1.5 s timeout
 * on a loaded machine) is tried again with fresh variables until the recovery deadline.
 */
async function setupWrite(text, variables, field) {
  const end = Date.now() + RECOVERY_DEADLINE_MS;
  for (;;) {
    const r = await gql(text, variables());
    if (r.data?.[field]?.id) return r.data[field].id;
    // An earlier try committed though its answer was lost (openFund: one fund per organisation).
    const existing = r.errors?.find((e) => e.extensions?.existingId)?.extensions.existingId;
    if (existing) return existing;
    if (Date.now() > end) throw new Error(`setup ${field} failed: ${JSON.stringify(r.errors)}`);
    await sleep(200);
  }
}

async function newFund(label) {
  const area = await setupWrite(
    'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
    () => ({ i: { level: 'PROVINCE', name: `Tỉnh ${label}`, code: `F${randomUUID().slice(0, 8)}` } }),
    'createArea',
  );
  const org = await setupWrite(
    'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
    () => ({ i: { areaId: area, name: `Hội ${label}`, kind: 'ASSOCIATION', host: 'ADMINISTRATIVE' } }),
    'createOrganization',
  );
  return setupWrite('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', () => ({ o: org, n: `Quỹ ${label}` }), 'openFund');
}

const rows = [];

/** Damages a fund's data behind the platform's back (FAULTS_INJECT), so a run shows its verdict failing. */
async function inject(fund) {
  step(`injecting ${INJECT} into fund ${fund}`);
  if (INJECT === 'lose-event') {
    const logged = await within(RECOVERY_DEADLINE_MS, async () => {
      const [r] = await query(
        `SELECT (SELECT count(*) FROM fundraising.outbox_events o JOIN fundraising.donations d ON d.id = o.subject_id WHERE d.fund_id = $1 AND o.type = 'DONATION_RECORDED')
          = (SELECT count(*) FROM events.log l JOIN fundraising.donations d ON d.id = l.subject_id WHERE d.fund_id = $1 AND l.type = 'DONATION_RECORDED') AS caught_up`,
        [fund],
      );
      return r.caught_up;
    });
    if (!logged) step('the relay had not logged every donation; deleting one anyway');
    await query(
      `DELETE FROM events.log WHERE cursor = (SELECT max(l.cursor) FROM events.log l JOIN fundraising.donations d ON d.id = l.subject_id WHERE d.fund_id = $1 AND l.type = 'DONATION_RECORDED')`,
      [fund],
    );
  } else if (INJECT === 'double-donation') {
    await query(
      `INSERT INTO fundraising.donations SELECT (jsonb_populate_record(NULL::fundraising.donations, to_jsonb(d)
         || jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', 'injected-' || gen_random_uuid(), 'receipt_seq', (SELECT max(receipt_seq) + 1 FROM fundraising.donations WHERE fund_id = $1), 'receipt_number', d.receipt_number || '-copy'))).*
       FROM fundraising.donations d WHERE d.fund_id = $1 ORDER BY d.receipt_seq LIMIT 1`,
      [fund],
    );
  } else if (INJECT === 'unbalance') {
    await query(`UPDATE fundraising.funds SET balance = balance + 1 WHERE id = $1`, [fund]);
  }
}
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
let scenarioNo = 0;
async function scenario(title, readQuery, prefix, fault) {
  scenarioNo++;
  if (ONLY.length && !ONLY.includes(scenarioNo)) return;
  const injectHere = INJECT && rows.length === 0;
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
  if (injectHere) await inject(fund);
  const a = await auditFund({ query, fundId: fund, keys, received: () => sub.received, catchUpMs: RECOVERY_DEADLINE_MS });
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

// A crash (not a failed check) still stops the platform it booted, then exits 1.
try {
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
  if (rows.length && rows[rows.length - 1].scenario.startsWith('gateway'))
    rows[rows.length - 1].scenario = `gateway SIGTERM with ${rows[rows.length - 1].inFlight} writes in flight + restart (${restartMs} ms down)`;
} catch (e) {
  console.error(e);
  await sub.stop().catch(() => undefined);
  await t0.stop();
  process.exit(1);
}
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
const failures = faultTableFailures(rows);
for (const f of failures) console.log(f);
process.exit(failures.length ? 1 : 0);
