import type { Measurement } from './load';
import type { DeliveryResult } from './subscriptions';
import type { StaleWindowResult } from './cache-stale';
import { SUBGRAPH_MANIFEST } from '@khg/platform/manifest';
import { mb } from './metrics';

export interface Report {
  scale: number;
  compare: boolean;
  at: string;
  connections: number;
  seconds: number;
  generation: { seconds: number; counts: Record<string, number>; yearEndBuildSeconds?: number };
  /** membership's first build of its year-end figures on this dataset, as timed by the bench (null: not known) */
  yearEndBuildSeconds?: number | null;
  /** listed: how many items the answer lists where that grows with the scale (the dashboard's districts) */
  scenarios: { key: string; title: string; rows: Measurement[]; listed?: { count: number; noun: string } }[];
  delivery: DeliveryResult | null;
  /** the same measurement while a write transaction is held open for 30 s elsewhere */
  deliveryWhileHeld?: (DeliveryResult & { heldMs: number }) | null;
  /** how long a cached answer on a second gateway replica stays stale after a write through the first */
  staleWindow?: StaleWindowResult | null;
  totalSeconds: number;
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

/** The results as a Markdown table (what the CLI prints and docs/performance.md carries). */
export function renderReport(r: Report): string {
  const lines: string[] = [];
  const c = r.generation.counts;
  lines.push(
    `Scale ${r.scale}: ${Object.entries(c)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}; generated in ${r.generation.seconds.toFixed(0)} s` +
      (r.yearEndBuildSeconds != null ? `; membership's year-end figures built in ${r.yearEndBuildSeconds.toFixed(0)} s.` : '.'),
  );
  lines.push(`${r.connections} concurrent clients, ${r.seconds} s per run after a warm-up, loopback. ${r.at}`);
  lines.push('');
  const initials = SUBGRAPH_MANIFEST.map((m) => m.name[0]).join('/');
  const head = [
    'scenario',
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'failed',
    'from cache',
    'SQL/req',
    `SQL by subgraph (${initials})`,
    'gateway MB',
    `subgraphs MB (${initials})`,
  ];
  if (r.compare) head.push('ours ÷ this: req/s', 'p50');
  lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const s of r.scenarios) {
    const ours = s.rows[0];
    for (const m of s.rows) {
      const sg = SUBGRAPH_MANIFEST.map((m) => m.name);
      const row = [
        m === ours ? s.title : '',
        m.target,
        m.error ? `failed: ${m.error.replace(/\|/g, '/')}` : f1(m.rps),
        f1(m.p50),
        f1(m.p99),
        String(m.failed),
        m.cacheHitRatio === undefined ? '–' : `${(100 * m.cacheHitRatio).toFixed(1)} %`,
        f2(m.sqlPerRequest),
        sg.map((n) => f1(m.sqlBySubgraph[n] ?? NaN)).join(' / '),
        mb(m.gatewayRssBytes),
        sg.map((n) => mb(m.subgraphRssBytes[n] ?? NaN)).join(' / '),
      ];
      if (r.compare) row.push(m === ours ? '' : ratio(ours.rps, m.rps), m === ours ? '' : ratio(ours.p50, m.p50));
      lines.push(`| ${row.join(' | ')} |`);
    }
  }
  if (r.delivery) {
    const d = r.delivery;
    lines.push('');
    lines.push(
      `Subscriptions: ${d.connected}/${d.subscribers} graphql-ws subscribers connected in ${f1(d.connectSeconds)} s; ${d.mutations} recordDonation mutations; ` +
        `${d.delivered}/${d.expected} deliveries; commit→delivery delay median ${f1(d.p50)} ms, p99 ${f1(d.p99)} ms, max ${f1(d.max)} ms; gateway RSS ${mb(d.gatewayRssBytes)} MB` +
        (d.error ? `; error: ${d.error}` : ''),
    );
  }
  if (r.deliveryWhileHeld) {
    const d = r.deliveryWhileHeld;
    lines.push(
      `While a write transaction was held open ${f1(d.heldMs / 1000)} s elsewhere: ${d.delivered}/${d.expected} deliveries to ${d.connected} subscribers; ` +
        `commit→delivery median ${f1(d.p50)} ms, p99 ${f1(d.p99)} ms (< 1000: ${d.p99 < 1000 ? 'met' : 'NOT met'})` +
        (d.error ? `; error: ${d.error}` : ''),
    );
  }
  if (r.staleWindow) lines.push(renderStaleWindow(r.staleWindow));
  lines.push('');
  for (const key of ['dashboard', 'dashboard-writes']) {
    for (const m of r.scenarios.find((s) => s.key === key)?.rows.filter((x) => x.target.startsWith('gateway')) ?? []) {
      if (m.error) continue;
      lines.push(
        `Target, ${key === 'dashboard' ? 'dashboard' : 'dashboard with writes alongside'} (${m.target}) at ${r.connections} clients: median ${f1(m.p50)} ms (< 50: ${m.p50 < 50 ? 'met' : 'NOT met'}), ` +
          `p99 ${f1(m.p99)} ms (< 150: ${m.p99 < 150 ? 'met' : 'NOT met'})${m.cacheHitRatio !== undefined ? `, ${(100 * m.cacheHitRatio).toFixed(1)} % from cache` : ''}.`,
      );
    }
  }
  if (r.compare) {
    for (const key of ['search', 'fanout']) {
      const s = r.scenarios.find((x) => x.key === key);
      const hive = s?.rows.find((m) => m.target === 'hive');
      for (const m of s?.rows.filter((x) => x.target.startsWith('gateway')) ?? []) {
        if (s && hive && !m.error && !hive.error)
          lines.push(`Target, ${s.title} (${m.target}): ${f1(m.rps)} req/s vs ${f1(hive.rps)} through Hive (${m.rps >= hive.rps ? 'met' : 'NOT met'}).`);
      }
    }
  }
  return lines.join('\n');
}

/** The response cache's stale window across two replicas, as one line of the report. */
export function renderStaleWindow(w: StaleWindowResult): string {
  return (
    `Response cache across two gateway replicas: a write through one, until the other's cached answer changes: ${w.measured}/${w.samples} samples; ` +
    `median ${f1(w.p50)} ms, p99 ${f1(w.p99)} ms, max ${f1(w.max)} ms (p99 < 1000: ${w.measured === w.samples && w.p99 < 1000 ? 'met' : 'NOT met'})` +
    (w.slow ? `; over 1 s: ${w.slow}` : '') +
    (w.warmupMs !== undefined ? `; the unmeasured warm-up writes took ${f1(w.warmupMs)} ms` : '') +
    (w.error ? `; error: ${w.error}` : '')
  );
}

/** The computed row (cache off, no shared fetches) of every scenario: what grows with the data. */
const COMPUTED = ['gateway, cache off'];
const computedRow = (r: Report, key: string) =>
  r.scenarios.find((s) => s.key === key)?.rows.find((m) => COMPUTED.includes(m.target) && !m.error) ??
  // a write scenario has no cache-off row: our gateway as shipped computes every mutation
  r.scenarios.find((s) => s.key === key)?.rows.find((m) => m.target === 'gateway' && !m.error);

/**
 * Scale 1 and this scale side by side: each scenario computed (cache off, no shared fetches), the
 * ratio of this scale to scale 1, and the one-off costs (generation, year-end build).
 */
export function renderGrowth(base: Report, r: Report): string {
  const lines = [
    `Growth, scale ${base.scale} → scale ${r.scale} (computed: cache off, shared fetches off; writes through our gateway):`,
    '',
    `| scenario | req/s ×${base.scale} | req/s ×${r.scale} | ratio | p50 ms ×${base.scale} | p50 ms ×${r.scale} | ratio | SQL/req ×${base.scale} | SQL/req ×${r.scale} |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of r.scenarios) {
    const a = computedRow(base, s.key);
    const b = computedRow(r, s.key);
    if (!a || !b) {
      lines.push(`| ${s.title} | ${a ? f1(a.rps) : '–'} | ${b ? f1(b.rps) : '–'} | – | | | | | |`);
      continue;
    }
    lines.push(
      `| ${s.title} | ${f1(a.rps)} | ${f1(b.rps)} | ${ratio(b.rps, a.rps)} | ${f1(a.p50)} | ${f1(b.p50)} | ${ratio(b.p50, a.p50)} | ${f2(a.sqlPerRequest)} | ${f2(b.sqlPerRequest)} |`,
    );
    // an answer that lists ten times more at scale 10 is compared per item listed, too
    const listedA = base.scenarios.find((x) => x.key === s.key)?.listed;
    if (listedA && s.listed && listedA.count !== s.listed.count) {
      const [pa, pb] = [a.p50 / listedA.count, b.p50 / s.listed.count];
      lines.push(`| ↳ p50 per ${s.listed.noun} listed (${listedA.count} → ${s.listed.count}) | | | | ${f1(pa)} | ${f1(pb)} | ${ratio(pb, pa)} | | |`);
    }
  }
  const build = (x: Report) => x.yearEndBuildSeconds ?? x.generation.yearEndBuildSeconds;
  lines.push(
    `| generation (s) | ${f1(base.generation.seconds)} | ${f1(r.generation.seconds)} | ${ratio(r.generation.seconds, base.generation.seconds)} | | | | | |`,
    `| year-end figures build (s) | ${f1(build(base) ?? NaN)} | ${f1(build(r) ?? NaN)} | ${ratio(build(r) ?? NaN, build(base) ?? NaN)} | | | | | |`,
  );
  return lines.join('\n');
}

/**
 * The file name (without extension) a run's report is written to. A run narrowed with `--only`
 * gets its own name: it must not replace the full run's report, which a later `--scale N` run
 * grows from and which docs/performance.md quotes.
 */
export function reportName(compare: boolean, only: readonly string[] | null): string {
  return `report${compare ? '-compare' : ''}${only ? '-only' : ''}`;
}
