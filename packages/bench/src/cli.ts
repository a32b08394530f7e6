#!/usr/bin/env node
// `npm run bench [-- --scale N] [--compare] [--no-subscriptions] [--seconds S] [--connections C] [--stale-samples N]`
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Role } from '@khg/domain';
import { loadManifest, signInternalCaller, signUserToken, type Caller } from '@khg/platform';
import {
  GATEWAY,
  ROOT,
  SUBGRAPHS,
  freePort,
  startService,
  type RunningService,
  startEmbeddedPostgres,
  startPlatform,
  takeOverSignals,
  type RunningDatabase,
  type RunningPlatform,
} from '@khg/stack';
import { datasetCounts, loadDataset, sizesFor, uidJs } from './dataset';
import { measureStaleWindow, type StaleWindowResult } from './cache-stale';
import { startHive, type RunningHive } from './hive';
import { unexpectedFailures } from './verdict';
import { drain, measure, post, waitForYearEndFigures, type Measurement, type Target } from './load';
import { DONATION_PAGE, scenarios } from './scenarios';
import { measureDelivery, type DeliveryResult } from './subscriptions';
import { measureDeliveryWhileHeld } from './held-transaction';
import { renderGrowth, renderReport, reportName, type Report } from './report';
import { runExchangeBench } from './exchange';

function options() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      compare: { type: 'boolean', default: false },
      'no-subscriptions': { type: 'boolean', default: false },
      subscribers: { type: 'string', default: '1000' },
      mutations: { type: 'string', default: '40' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      'write-rate': { type: 'string', default: '5' },
      'stale-samples': { type: 'string', default: '50' },
      only: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      process.stderr.write(`--${name} must be a whole number from ${min} to ${max}\n`);
      process.exit(2);
    }
    return n;
  };
  return {
    scale: int('scale', values.scale, 1, 100),
    compare: values.compare!,
    subscriptions: !values['no-subscriptions'],
    subscribers: int('subscribers', values.subscribers, 1, 5000),
    mutations: int('mutations', values.mutations, 1, 1000),
    seconds: int('seconds', values.seconds, 1, 600),
    warmup: int('warmup', values.warmup, 0, 120),
    connections: int('connections', values.connections, 1, 512),
    writeRate: int('write-rate', values['write-rate'], 1, 1000),
    staleSamples: int('stale-samples', values['stale-samples'], 1, 1000),
    only: values.only ? values.only.split(',') : null,
    regenerate: values.regenerate!,
  };
}

const say = (s: string) => process.stdout.write(s + '\n');

async function main(): Promise<void> {
  // the Excel import/export scenarios run on their own platform (exchange.ts)
  if (process.argv.includes('--exchange')) return runExchangeBench(process.argv.slice(2));
  const o = options();
  const dir = join(ROOT, '.data', `bench-${o.scale}`);
  const pgDir = join(dir, 'pg');
  const marker = join(dir, 'dataset.json');
  const logFile = join(dir, 'platform.log');
  const secrets = { JWT_SECRET: randomBytes(24).toString('hex'), INTERNAL_SECRET: randomBytes(24).toString('hex') };
  // One ADMIN token drives every client: the bench measures throughput, not the per-caller rate limit.
  const env = {
    ...process.env,
    ...secrets,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    NODE_ENV: 'production',
    RATE_LIMITS: 'ADMIN=1000000/1000000:1000000/1000000',
  };
  const started = Date.now();
  let db: RunningDatabase | null = null;
  let platform: RunningPlatform | null = null;
  let hive: RunningHive | null = null;
  let uncached: RunningService | null = null;
  let shared: RunningService | null = null;
  let replica: RunningService | null = null;
  const cleanup = async () => {
    await replica?.stop().catch(() => undefined);
    await hive?.stop().catch(() => undefined);
    await uncached?.stop().catch(() => undefined);
    await shared?.stop().catch(() => undefined);
    await platform?.stop().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  };
  const interrupted = () => void cleanup().then(() => process.exit(130));
  process.on('SIGINT', interrupted);

  try {
    if (o.regenerate || !existsSync(marker)) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pgPort = await freePort();
    const ports = async () => {
      const p: Record<string, number> = {};
      for (const s of SUBGRAPHS) p[s.name] = await freePort();
      return p;
    };
    let generation: Report['generation'];
    if (!existsSync(marker)) {
      say(`Generating the scale-${o.scale} dataset in ${dir} (once; later runs reuse it)…`);
      const t = Date.now();
      db = await startEmbeddedPostgres({ dir: pgDir, port: pgPort, persistent: true });
      takeOverSignals(interrupted);
      say('  migrating: booting the platform once with SEED_DEMO=false');
      platform = await startPlatform({
        databaseUrl: db.url,
        gatewayPort: await freePort(),
        subgraphPorts: await ports(),
        env,
        output: logFile,
        readyTimeoutMs: 300_000,
      });
      await platform.stop();
      platform = null;
      await loadDataset(db.url, o.scale, say);
      generation = { seconds: (Date.now() - t) / 1000, counts: await datasetCounts(db.url) };
      writeFileSync(marker, JSON.stringify(generation, null, 2));
      say(`  generated in ${generation.seconds.toFixed(0)} s`);
    } else {
      generation = JSON.parse(readFileSync(marker, 'utf8'));
      say(`Reusing the scale-${o.scale} dataset in ${dir} (generated in ${generation.seconds.toFixed(0)} s; --regenerate to rebuild)`);
      db = await startEmbeddedPostgres({ dir: pgDir, port: pgPort, persistent: true });
      takeOverSignals(interrupted);
    }
    say(
      `  ${Object.entries(generation.counts)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}`,
    );

    say(`Starting the platform (${loadManifest().length} subgraphs + gateway)…`);
    platform = await startPlatform({
      databaseUrl: db.url,
      gatewayPort: await freePort(),
      subgraphPorts: await ports(),
      env,
      output: logFile,
      readyTimeoutMs: 300_000,
    });
    const built = await waitForYearEndFigures(db.url, say);
    if (built !== null && generation.yearEndBuildSeconds === undefined) {
      // kept with the dataset: the build happens once, at the first start on it
      generation.yearEndBuildSeconds = built;
      writeFileSync(marker, JSON.stringify(generation, null, 2));
    }
    const yearEndBuildSeconds = generation.yearEndBuildSeconds ?? null;
    const subgraphs = Object.fromEntries(Object.entries(platform.subgraphs).map(([n, s]) => [n, s.url]));
    const admin: Caller = { sub: 'bench-admin', role: Role.ADMIN };
    const token = await signUserToken(secrets.JWT_SECRET, admin, '4h');
    const internal = await signInternalCaller(secrets.INTERNAL_SECRET, admin, '4h');
    const ours: Target = {
      name: 'gateway',
      base: platform.gateway.url,
      path: '/graphql',
      headers: { authorization: `Bearer ${token}` },
      pid: platform.gateway.child.pid,
      metricsUrl: `${platform.gateway.url}/metrics`,
    };
    // The same gateway with the response cache off and no shared subgraph fetches: what every answer
    // costs when it must be computed (like Hive and the direct rows, which share nothing). A third
    // one shares identical fetches in flight, as shipped: the difference is sharing's own effect.
    const gatewayWith = async (settings: Record<string, string>) =>
      startService(GATEWAY, await freePort(), {
        env: {
          ...env,
          DATABASE_URL: db!.url,
          ...settings,
          ...Object.fromEntries(SUBGRAPHS.map((sg) => [sg.urlEnv!, `${platform!.subgraphs[sg.name].url}/graphql`])),
        },
        output: logFile,
        // a loaded machine (the bench shares it with its own PostgreSQL) can take more than the default minute
        readyTimeoutMs: 300_000,
      });
    say('Starting two more gateways with the response cache off (shared fetches off, on)…');
    uncached = await gatewayWith({ RESPONSE_CACHE_MB: '0', SUBGRAPH_FETCH_SHARING: 'off' });
    shared = await gatewayWith({ RESPONSE_CACHE_MB: '0', SUBGRAPH_FETCH_SHARING: 'on' });
    const oursUncached: Target = { ...ours, name: 'gateway, cache off', base: uncached.url, pid: uncached.child.pid, metricsUrl: `${uncached.url}/metrics` };
    const oursShared: Target = {
      ...ours,
      name: 'gateway, cache off, shared fetches',
      base: shared.url,
      pid: shared.child.pid,
      metricsUrl: `${shared.url}/metrics`,
    };
    if (o.compare) {
      say('Starting Hive Gateway on the same supergraph…');
      hive = await startHive({
        supergraphPath: join(ROOT, 'apps/gateway/supergraph.graphql'),
        subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([n, u]) => [n, `${u}/graphql`])),
        port: await freePort(),
        workDir: join(dir, 'hive'),
        logFile: join(dir, 'hive.log'),
      });
    }
    const hiveTarget: Target | null = hive
      ? { name: 'hive', base: hive.url.replace(/\/graphql$/, ''), path: '/graphql', headers: { 'x-khg-caller': internal }, pid: hive.pid }
      : null;

    // cursors of the first ten pages of donations, so the fan-out does not read one page only
    const cursors: (string | null)[] = [null];
    for (let i = 0; i < 9; i++) {
      const r = await post(ours, { query: DONATION_PAGE, variables: { after: cursors[cursors.length - 1] } });
      const page = (r.body.data as { donations: { cursor: string }[] } | undefined)?.donations ?? [];
      if (page.length === 0) break;
      cursors.push(page[page.length - 1].cursor);
    }

    const runId = `bench-${Date.now().toString(36)}`;
    const list = scenarios(o.scale, runId, cursors, o.writeRate).filter((s) => !o.only || o.only.includes(s.key));
    const load = { connections: o.connections, seconds: o.seconds, warmupSeconds: o.warmup, databaseUrl: db.url };
    const results: Report['scenarios'] = [];
    for (const s of list) {
      const counter = { i: 0 };
      say(`Running ${s.title}…`);
      const bg = s.background;
      const rows: Measurement[] = [await measure(ours, s.request, counter, subgraphs, load, bg)];
      if (!s.write) rows.push(await measure(oursUncached, s.request, counter, subgraphs, load, bg));
      if (!s.write) rows.push(await measure(oursShared, s.request, counter, subgraphs, load, bg));
      if (hiveTarget) rows.push(await measure(hiveTarget, s.request, counter, subgraphs, load, bg));
      if (o.compare && s.direct) {
        const url = subgraphs[s.direct.subgraph];
        const direct: Target = { name: `${s.direct.subgraph} direct`, base: url, path: '/graphql', headers: { 'x-khg-caller': internal } };
        rows.push({ ...(await measure(direct, s.direct.request, counter, subgraphs, load)), target: `${s.direct.subgraph} direct (${s.direct.note})` });
      }
      for (const r of rows) {
        say(
          `  ${r.target}: ${
            r.error
              ? `FAILED ${r.error}`
              : `${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.sqlPerRequest.toFixed(2)} SQL/req, ${r.failed} failed` +
                (r.cacheHitRatio !== undefined ? `, ${(100 * r.cacheHitRatio).toFixed(1)} % from cache` : '') +
                (r.backgroundWrites !== undefined ? `, ${r.backgroundWrites} writes alongside` : '')
          }`,
        );
      }
      results.push({ key: s.key, title: s.title, rows, listed: s.listed });
    }

    let delivery: DeliveryResult | null = null;
    let deliveryWhileHeld: Report['deliveryWhileHeld'] = null;
    if (o.subscriptions) {
      await drain(db.url);
      say(`Subscriptions: ${o.subscribers} graphql-ws subscribers, ${o.mutations} mutations…`);
      delivery = await measureDelivery({
        gatewayUrl: `${platform.gateway.url}/graphql`,
        token,
        subscribers: o.subscribers,
        mutations: o.mutations,
        runId,
        communes: sizesFor(o.scale).communes,
        gatewayPid: platform.gateway.child.pid,
      });
      say('Subscriptions while a write transaction is held open for 30 s elsewhere…');
      deliveryWhileHeld = await measureDeliveryWhileHeld({
        gatewayUrl: `${platform.gateway.url}/graphql`,
        token,
        subscribers: Math.min(o.subscribers, 50),
        mutations: Math.min(o.mutations, 20),
        runId: `${runId}-held`,
        communes: sizesFor(o.scale).communes,
        gatewayPid: platform.gateway.child.pid,
        databaseUrl: db.url,
      });
    }

    let staleWindow: StaleWindowResult | null = null;
    if (!o.only || o.only.includes('stale-window')) {
      // a second replica as shipped (its own response cache) on the same database and subgraphs
      say(`Response cache across two replicas: starting a second gateway; ${o.staleSamples} writes through the first…`);
      replica = await gatewayWith({});
      await drain(db.url);
      staleWindow = await measureStaleWindow({
        writerUrl: `${platform.gateway.url}/graphql`,
        readerUrl: `${replica.url}/graphql`,
        token,
        fundId: uidJs('fund', 3, 1),
        samples: o.staleSamples,
        runId,
      });
      say(`  median ${staleWindow.p50.toFixed(1)} ms, p99 ${staleWindow.p99.toFixed(1)} ms${staleWindow.error ? `; ${staleWindow.error}` : ''}`);
    }

    const report: Report = {
      scale: o.scale,
      compare: o.compare,
      at: new Date().toISOString(),
      connections: o.connections,
      seconds: o.seconds,
      generation,
      yearEndBuildSeconds,
      scenarios: results,
      delivery,
      deliveryWhileHeld,
      staleWindow,
      totalSeconds: (Date.now() - started) / 1000,
    };
    // the scale-1 run to grow from: the newer of a plain and a --compare run's report (never an --only run's)
    const baseline = ['report.json', 'report-compare.json']
      .map((f) => join(ROOT, '.data', 'bench-1', f))
      .filter((f) => existsSync(f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    const text = renderReport(report) + (o.scale > 1 && baseline ? '\n\n' + renderGrowth(JSON.parse(readFileSync(baseline, 'utf8')) as Report, report) : '');
    say('\n' + text);
    const name = reportName(o.compare, o.only);
    writeFileSync(join(dir, `${name}.md`), text);
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(report, null, 2));
    const problems = unexpectedFailures(report);
    if (problems.length) {
      process.stderr.write(`Benchmark failed: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  } catch (e) {
    process.stderr.write(`Benchmark failed: ${(e as Error).stack ?? e}\n(see ${logFile})\n`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

void main();
