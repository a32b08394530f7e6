import type { Report } from './report';

/**
 * Failed requests a scenario may have and why, by scenario key and target name; anything not
 * listed must not fail. Empty today: every scenario is expected to answer every request.
 */
export type ExpectedFailures = Record<string, Record<string, string>>;

/**
 * What makes a benchmark run fail: a measurement that could not run, failed requests no one
 * expected, subscribers that did not receive every event, or a replica's cache that stayed stale. Empty when the run is good.
 */
export function unexpectedFailures(report: Pick<Report, 'scenarios' | 'delivery' | 'staleWindow'>, expected: ExpectedFailures = {}): string[] {
  const problems: string[] = [];
  for (const s of report.scenarios) {
    for (const row of s.rows) {
      if (row.error) problems.push(`${s.key} / ${row.target}: could not be measured: ${row.error}`);
      else if (row.failed > 0 && !expected[s.key]?.[row.target]) problems.push(`${s.key} / ${row.target}: ${row.failed} of ${row.requests} requests failed`);
    }
  }
  const d = report.delivery;
  if (d) {
    if (d.error) problems.push(`subscriptions: ${d.error}`);
    if (d.connected < d.subscribers) problems.push(`subscriptions: only ${d.connected} of ${d.subscribers} subscribers connected`);
    if (d.delivered !== d.expected) problems.push(`subscriptions: ${d.delivered} events delivered, ${d.expected} expected`);
  }
  const w = report.staleWindow;
  if (w?.error) problems.push(`stale window: ${w.error}`);
  return problems;
}
