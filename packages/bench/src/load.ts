import { Client } from 'pg';
import type { Request } from './scenarios';
import { allSubgraphMetrics, gatewayCounters, rssOfPid } from './metrics';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
type Autocannon = (o: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon is CommonJS without type declarations; the type above names what is used
const autocannon = require('autocannon') as Autocannon;

export interface Target {
  name: string;
  /** base URL (http://127.0.0.1:port) and path of the GraphQL endpoint */
  base: string;
  path: string;
  headers: Record<string, string>;
  /** the process whose memory is reported as "gateway" (none for direct runs) */
  pid?: number;
  /** our gateways' /metrics (response cache and shared fetch counters) */
  metricsUrl?: string;
}

export interface Measurement {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failed: number;
  sqlPerRequest: number;
  sqlBySubgraph: Record<string, number>;
  gatewayRssBytes: number;
  subgraphRssBytes: Record<string, number>;
  error?: string;
  /** statements of the previous run still running after 20 s, cancelled before this one */
  cancelledBefore?: number;
  /** answers served from our response cache, of the cache lookups in the run (writes alongside included) */
  cacheHitRatio?: number;
  /** background writes completed during the run (scenarios with writes alongside) */
  backgroundWrites?: number;
}

export async function post(target: Target, r: Request): Promise<{ status: number; body: { data?: unknown; errors?: { message: string }[] } }> {
  const res = await fetch(target.base + target.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify(r),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string }[] } };
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  databaseUrl: string;
}

/** Requests sent alongside the measured ones at a fixed rate (e.g. donations while dashboards load). */
export interface Background {
  make: (i: number) => Request;
  rate: number;
}

/**
 * One scenario against one target: a check that the request answers without errors, a warm-up,
 * then the measured run; SQL statements per request from the subgraphs' counters around it.
 */
export async function measure(
  target: Target,
  make: (i: number) => Request,
  counter: { i: number },
  subgraphs: Record<string, string>,
  o: LoadOptions,
  background?: Background,
): Promise<Measurement> {
  const cancelled = await drain(o.databaseUrl);
  const empty: Measurement = {
    target: target.name,
    rps: NaN,
    p50: NaN,
    p99: NaN,
    requests: 0,
    failed: 0,
    sqlPerRequest: NaN,
    sqlBySubgraph: {},
    gatewayRssBytes: NaN,
    subgraphRssBytes: {},
  };
  const probe = await post(target, make(counter.i++));
  if (probe.status !== 200 || probe.body.errors?.length) {
    return { ...empty, cancelledBefore: cancelled, error: `HTTP ${probe.status}: ${probe.body.errors?.map((e) => e.message).join('; ') ?? ''}`.slice(0, 300) };
  }
  const cannon = (seconds: number, connections: number, next: (i: number) => Request, rate?: number) =>
    autocannon({
      url: target.base,
      connections,
      duration: seconds,
      timeout: 30,
      ...(rate ? { overallRate: rate } : {}),
      requests: [
        {
          method: 'POST',
          path: target.path,
          setupRequest: (req: AutocannonRequest) => ({
            ...req,
            headers: { 'content-type': 'application/json', ...target.headers },
            body: JSON.stringify(next(counter.i++)),
          }),
        },
      ],
      // a GraphQL error arrives with HTTP 200: count it as a failure
      verifyBody: (body: string) => !body.includes('"errors"'),
    });
  const run = async (seconds: number) => {
    const writes = background ? cannon(seconds, 2, background.make, background.rate) : null;
    const r = await cannon(seconds, o.connections, make);
    return { r, w: await writes };
  };
  await run(o.warmupSeconds);
  const before = await allSubgraphMetrics(subgraphs);
  const cacheBefore = await gatewayCounters(target.metricsUrl);
  const { r, w } = await run(o.seconds);
  const after = await allSubgraphMetrics(subgraphs);
  const cacheAfter = await gatewayCounters(target.metricsUrl);
  const lookups = cacheAfter && cacheBefore ? cacheAfter.hits - cacheBefore.hits + cacheAfter.misses - cacheBefore.misses : 0;
  const sqlBySubgraph = Object.fromEntries(Object.keys(subgraphs).map((n) => [n, (after[n].sql - before[n].sql) / Math.max(1, r.requests.total)]));
  return {
    target: target.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    failed: r.errors + r.timeouts + r.non2xx + r.mismatches,
    sqlPerRequest: Object.values(sqlBySubgraph).reduce((a, b) => a + b, 0),
    sqlBySubgraph,
    gatewayRssBytes: rssOfPid(target.pid),
    cancelledBefore: cancelled,
    ...(cacheAfter && cacheBefore ? { cacheHitRatio: lookups ? (cacheAfter.hits - cacheBefore.hits) / lookups : 0 } : {}),
    ...(w ? { backgroundWrites: w.requests.total, failed: r.errors + r.timeouts + r.non2xx + r.mismatches + w.errors + w.non2xx + w.mismatches } : {}),
    subgraphRssBytes: Object.fromEntries(Object.entries(after).map(([n, m]) => [n, m.rssBytes])),
  };
}

/**
 * Between runs: let queries still running from the previous one finish (a slow scenario leaves a
 * backlog in PostgreSQL that would otherwise be charged to the next), for at most `ms`; then
 * cancel what is left, on the benchmark's own database only.
 */
export async function drain(databaseUrl: string, ms = 20_000): Promise<number> {
  return withDatabase(databaseUrl, async (c) => {
    const active = async () =>
      Number(
        (
          await c.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend' AND query NOT ILIKE 'LISTEN%'`,
          )
        ).rows[0].n,
      );
    const until = Date.now() + ms;
    while (Date.now() < until && (await active()) > 0) await new Promise((r) => setTimeout(r, 250));
    const left = await active();
    if (left > 0) {
      await c.query(
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND backend_type = 'client backend'`,
      );
    }
    return left;
  });
}

/** One connection to the benchmark's database for `fn`, closed after it. */
async function withDatabase<T>(databaseUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A dataset loaded by SQL has no maintained year-end membership figures: membership builds them in
 * the background at its first start and computes live meanwhile. Measuring before they exist would
 * measure the fallback, and a drain would cancel the build. Returns how long the build took, as
 * membership recorded it.
 */
export async function waitForYearEndFigures(databaseUrl: string, say: (s: string) => void, maxMs = 45 * 60_000): Promise<number | null> {
  return withDatabase(databaseUrl, async (c) => {
    const started = Date.now();
    let told = false;
    for (;;) {
      const { rows } = await c.query<{ took_ms: number | null }>(`SELECT took_ms FROM membership.stats_builds WHERE name = 'org_year_stats'`);
      if (rows.length) {
        const seconds = rows[0].took_ms === null ? null : rows[0].took_ms / 1000;
        if (seconds !== null) say(`  membership's year-end figures built in ${seconds.toFixed(1)} s`);
        return seconds;
      }
      if (!told) {
        say('  waiting for membership to build its year-end figures (first start on this dataset)…');
        told = true;
      }
      if (Date.now() - started > maxMs) throw new Error(`membership did not build its year-end figures within ${maxMs / 60_000} min`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
}
