import type { ServerResponse } from 'node:http';
import { sendJson } from '@khg/platform';

/** Readiness of every subgraph, asked in parallel with a short timeout. */
export async function subgraphHealth(urls: Record<string, string>, timeoutMs = 2000): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, res.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * /health/ready is shallow: the gateway listens only once its supergraph is loaded, so it can serve
 * until it drains. A subgraph that is down is reported (`degraded`, named) but not fatal: every
 * gateway replica sees the same subgraph, so failing readiness on it would take them all out of the
 * load balancer at once, although queries that do not touch that subgraph still work.
 */
export function serveReadiness(res: ServerResponse, urls: Record<string, string>, draining: boolean): void {
  if (draining) return sendJson(res, 503, { status: 'stopping' });
  subgraphHealth(urls).then(
    (subgraphs) => {
      const degraded = Object.entries(subgraphs)
        .filter(([, s]) => s === 'down')
        .map(([n]) => n);
      sendJson(res, 200, { status: degraded.length ? 'degraded' : 'ready', subgraphs, degraded });
    },
    (e: Error) => sendJson(res, 200, { status: 'degraded', reason: e.message }),
  );
}
