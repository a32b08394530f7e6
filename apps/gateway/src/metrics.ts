import type { ServerResponse } from 'node:http';
import { memoryMetrics } from '@khg/platform';
import type { ResponseCache } from './response-cache';
import { sharingStats } from './subgraph-source';

/** The gateway's /metrics (Prometheus text): shared subgraph fetches, memory, the response cache. */
export function renderMetrics(cache: ResponseCache | null): string {
  const lines = [
    `# TYPE khg_subgraph_fetches_total counter`,
    `khg_subgraph_fetches_total ${sharingStats.fetches}`,
    `# TYPE khg_subgraph_fetches_shared_total counter`,
    `khg_subgraph_fetches_shared_total ${sharingStats.shared}`,
    memoryMetrics().trimEnd(),
  ];
  if (cache) {
    const { hits, misses, stored, staleOnArrival, invalidations } = cache.stats;
    lines.push(
      `# TYPE khg_response_cache_hits_total counter`,
      `khg_response_cache_hits_total ${hits}`,
      `# TYPE khg_response_cache_misses_total counter`,
      `khg_response_cache_misses_total ${misses}`,
      `# TYPE khg_response_cache_stored_total counter`,
      `khg_response_cache_stored_total ${stored}`,
      `# TYPE khg_response_cache_stale_on_arrival_total counter`,
      `khg_response_cache_stale_on_arrival_total ${staleOnArrival}`,
      `# TYPE khg_response_cache_invalidations_total counter`,
      `khg_response_cache_invalidations_total ${invalidations}`,
      `# TYPE khg_response_cache_entries gauge`,
      `khg_response_cache_entries ${cache.size.entries}`,
      `# TYPE khg_response_cache_bytes gauge`,
      `khg_response_cache_bytes ${cache.size.bytes}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function serveMetrics(res: ServerResponse, cache: ResponseCache | null): void {
  res.setHeader('content-type', 'text/plain; version=0.0.4');
  res.end(renderMetrics(cache));
}
