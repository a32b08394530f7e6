import { readFileSync } from 'node:fs';

/** One value of a Prometheus text exposition (the first sample of that metric). */
function sample(text: string, metric: string): number {
  const line = text.split('\n').find((l) => l.startsWith(metric) && (l[metric.length] === ' ' || l[metric.length] === '{'));
  return line ? Number(line.trim().split(/\s+/).pop()) : NaN;
}

export interface SubgraphMetrics {
  sql: number;
  rssBytes: number;
}

/** SQL statements so far and resident memory of one subgraph, from its /metrics. */
export async function subgraphMetrics(baseUrl: string): Promise<SubgraphMetrics> {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { sql: sample(text, 'khg_sql_statements_total'), rssBytes: sample(text, 'process_resident_memory_bytes') };
}

export async function allSubgraphMetrics(urls: Record<string, string>): Promise<Record<string, SubgraphMetrics>> {
  const entries = await Promise.all(Object.entries(urls).map(async ([n, u]) => [n, await subgraphMetrics(u)] as const));
  return Object.fromEntries(entries);
}

/** Our gateway's response cache counters (undefined for gateways without them). */
export async function gatewayCounters(metricsUrl: string | undefined): Promise<{ hits: number; misses: number } | undefined> {
  if (!metricsUrl) return undefined;
  const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })).text();
  const hits = sample(text, 'khg_response_cache_hits_total');
  return Number.isFinite(hits) ? { hits, misses: sample(text, 'khg_response_cache_misses_total') } : { hits: 0, misses: 0 };
}

/** Resident memory of a process we started (Linux /proc). */
export function rssOfPid(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export const mb = (bytes: number) => (Number.isFinite(bytes) ? `${Math.round(bytes / 1048576)}` : '–');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
