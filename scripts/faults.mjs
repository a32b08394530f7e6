#!/usr/bin/env node
// The fault table (docs/operations.md): boots its own platform (embedded PostgreSQL, four subgraphs,
// gateway), breaks it one way at a time under traffic, and prints per scenario: requests sent,
// errors returned, records lost or doubled (must be 0), time to recover. Run after `npm run build`:
//   node scripts/faults.mjs      (or: npm run bench:faults)
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';

const require = createRequire(import.meta.url);
const { startThrowawayPlatform } = require('../packages/stack/dist/index.js');
const { signUserToken } = require('../packages/platform/dist/index.js');
const { Client } = require('pg');

const t0 = await startThrowawayPlatform({
  prefix: 'khg-faults-', restartableDatabase: true,
  env: { SUBGRAPH_TIMEOUT_MS: '1500', EVENT_POLL_MS: '200', RATE_LIMIT_CALLER: '1000/5000' },
});
const p = t0.platform;
const jwt = t0.jwtSecret;
const url = t0.gatewayUrl;
const admin = await signUserToken(jwt, { sub: 'faults-admin', role: 'ADMIN' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function gql(query, variables = {}) {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(10_000) });
    return await res.json();
  } catch (e) {
    return { errors: [{ message: e.message, extensions: { code: 'NETWORK' } }] };
  }
}

/** Sends `query` in a loop until `stop()`; counts requests and errors; notes when answers are whole again. */
function traffic(query, variables) {
  const s = { sent: 0, errors: 0, lastError: 0, stopped: false };
  s.done = (async () => {
    while (!s.stopped) {
      s.sent++;
      const r = await gql(query, variables);
      if (r.errors) { s.errors++; s.lastError = Date.now(); }
      await sleep(20);
    }
  })();
  s.stop = async () => { s.stopped = true; await s.done; };
  return s;
}

const rows = [];
const step = (m) => process.stderr.write(`[faults] ${m}\n`);
step('platform up');
const MIXED = 'query($f: ID!) { areas(level: PROVINCE) { id } fund(id: $f) { id } }';
const NO_FUND = 'fund_00000000-0000-7000-8000-000000000000';

// 1. a subgraph killed, then started again
{
  const t = traffic(MIXED, { f: NO_FUND });
  await sleep(500);
  p.subgraphs.fundraising.child.kill('SIGKILL');
  await sleep(2000);
  const back = Date.now();
  p.subgraphs.fundraising = await p.subgraphs.fundraising.restart();
  await sleep(1500);
  await t.stop();
  rows.push({ scenario: 'fundraising subgraph killed 2 s (partial results)', sent: t.sent, errors: t.errors, lostOrDoubled: 0, recoverMs: Math.max(0, t.lastError - back) });
}

step('1 done');
// 2. a subgraph frozen (SIGSTOP): answers time out at SUBGRAPH_TIMEOUT_MS instead of hanging
{
  const t = traffic('{ areas(level: PROVINCE) { id } inspection(id: "insp_00000000-0000-7000-8000-000000000000") { id } }');
  await sleep(500);
  p.subgraphs.inspections.child.kill('SIGSTOP');
  await sleep(4000);
  const back = Date.now();
  p.subgraphs.inspections.child.kill('SIGCONT');
  await sleep(1500);
  await t.stop();
  rows.push({ scenario: 'inspections subgraph frozen 4 s (timeout 1.5 s)', sent: t.sent, errors: t.errors, lostOrDoubled: 0, recoverMs: Math.max(0, t.lastError - back) });
}

step('2 done');
// 3. PostgreSQL restarted under a stream of idempotent donations, each retried with its key
{
  const area = (await gql('mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }', { i: { level: 'PROVINCE', name: 'Tỉnh Thử', code: `F${Date.now() % 100000}` } })).data.createArea.id;
  const org = (await gql('mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', { i: { areaId: area, name: 'Hội Thử', kind: 'ASSOCIATION', host: 'ADMINISTRATIVE' } })).data.createOrganization.id;
  const fund = (await gql('mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ Thử") { id } }', { o: org })).data.openFund.id;
  const keys = Array.from({ length: 100 }, () => randomUUID());
  let sent = 0; let errors = 0; let lastError = 0; let last = null;
  const stream = (async () => {
    for (const key of keys) {
      for (let attempt = 0; ; attempt++) {
        if (attempt === 300) throw new Error(`donation never went through: ${JSON.stringify(last)}`);
        sent++;
        const r = await gql('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }', {
          i: { fundId: fund, donorName: 'Nhà hảo tâm', amount: 100000, receivedOn: '2018-05-10', method: 'CASH', idempotencyKey: key },
        });
        if (!r.errors) break;
        last = r.errors; errors++; lastError = Date.now();
        await sleep(100);
      }
    }
  })();
  await sleep(500);
  step('stopping postgres');
  await t0.db.stop();
  step('postgres stopped');
  await sleep(1000);
  const db = await t0.startDatabaseAgain();
  const back = Date.now();
  step('postgres started');
  await stream;
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const per = (await c.query('SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS k FROM fundraising.donations WHERE fund_id = $1', [fund])).rows[0];
  const ids = (await c.query('SELECT id FROM fundraising.donations WHERE fund_id = $1', [fund])).rows.map((r) => r.id);
  const outbox = (await c.query(`SELECT count(*)::int AS n FROM fundraising.outbox_events WHERE type = 'DONATION_RECORDED' AND subject_id = ANY($1)`, [ids])).rows[0].n;
  let logged = 0;
  for (let i = 0; i < 100; i++) {
    logged = (await c.query(`SELECT count(*)::int AS n FROM events.log WHERE type = 'DONATION_RECORDED' AND subject_id = ANY($1)`, [ids])).rows[0].n;
    if (logged >= keys.length) break;
    await sleep(200);
  }
  await c.end();
  const lostOrDoubled = Math.abs(keys.length - per.k) + (per.n - per.k) + Math.abs(outbox - keys.length) + Math.abs(logged - keys.length);
  rows.push({ scenario: 'PostgreSQL restarted (1 s down), 100 idempotent donations', sent, errors, lostOrDoubled, recoverMs: Math.max(0, lastError - back) });
}

step('3 done');
// 4. the gateway stopped with SIGTERM and started again
{
  const t = traffic(MIXED, { f: NO_FUND });
  await sleep(500);
  const stopped = Date.now();
  await p.gateway.stop();
  p.gateway = await p.gateway.restart();
  const back = Date.now();
  await sleep(500);
  await t.stop();
  rows.push({ scenario: `gateway SIGTERM + restart (${back - stopped} ms)`, sent: t.sent, errors: t.errors, lostOrDoubled: 0, recoverMs: Math.max(0, t.lastError - back) });
}

await t0.stop();

const head = ['scenario', 'requests sent', 'errors returned', 'records lost or doubled', 'time to recover (ms)'];
const table = rows.map((r) => [r.scenario, r.sent, r.errors, r.lostOrDoubled, r.recoverMs].map(String));
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table) console.log(line(r));
process.exit(rows.some((r) => r.lostOrDoubled !== 0) ? 1 : 0);
