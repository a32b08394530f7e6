/** Readiness of every subgraph, asked in parallel with a short timeout. */
export async function subgraphHealth(urls: Record<string, string>, timeoutMs = 2000): Promise<Record<string, 'up' | 'down'>> {
  const entries = await Promise.all(Object.entries(urls).map(async ([name, url]) => {
    try {
      const res = await fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(timeoutMs) });
      return [name, res.ok ? 'up' : 'down'] as const;
    } catch {
      return [name, 'down'] as const;
    }
  }));
  return Object.fromEntries(entries);
}
