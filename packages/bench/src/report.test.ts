import type { Measurement } from './load';
import { renderGrowth, reportName, type Report } from './report';

const row = (target: string, rps: number, p50: number): Measurement => ({
  target,
  rps,
  p50,
  p99: p50 * 2,
  requests: 100,
  failed: 0,
  sqlPerRequest: 4,
  sqlBySubgraph: {},
  gatewayRssBytes: 1,
  subgraphRssBytes: {},
});

const report = (scale: number, search: Measurement[], write: Measurement[], seconds: number, build: number): Report => ({
  scale,
  compare: false,
  at: '2026-12-03T00:00:00Z',
  connections: 16,
  seconds: 10,
  generation: { seconds, counts: {}, yearEndBuildSeconds: build },
  scenarios: [
    { key: 'search', title: '2. Member search', rows: search },
    { key: 'write', title: '4. recordDonation', rows: write },
  ],
  delivery: null,
  totalSeconds: 1,
});

describe('renderGrowth (the growth table)', () => {
  it('compares the computed rows (cache off, no sharing) of both scales, and writes through our gateway', () => {
    const one = report(
      1,
      [row('gateway', 4000, 3), row('gateway, cache off', 100, 150), row('gateway, cache off, shared fetches', 120, 120)],
      [row('gateway', 60, 250)],
      200,
      45,
    );
    const ten = report(
      10,
      [row('gateway', 3900, 3), row('gateway, cache off', 50, 300), row('gateway, cache off, shared fetches', 70, 200)],
      [row('gateway', 55, 270)],
      900,
      400,
    );
    const lines = renderGrowth(one, ten).split('\n');
    expect(lines.find((l) => l.startsWith('| 2. Member search'))).toBe('| 2. Member search | 100.0 | 50.0 | 0.50× | 150.0 | 300.0 | 2.00× | 4.00 | 4.00 |');
    expect(lines.find((l) => l.startsWith('| 4. recordDonation'))).toBe('| 4. recordDonation | 60.0 | 55.0 | 0.92× | 250.0 | 270.0 | 1.08× | 4.00 | 4.00 |');
    expect(lines.find((l) => l.startsWith('| generation'))).toContain('| 200.0 | 900.0 | 4.50× |');
    expect(lines.find((l) => l.startsWith('| year-end'))).toContain('| 45.0 | 400.0 | 8.89× |');
  });

  it('compares an answer that lists more at scale 10 per item listed', () => {
    const dashboard = (scale: number, districts: number, p50: number): Report => ({
      ...report(scale, [], [], 1, 1),
      scenarios: [
        { key: 'dashboard', title: `1. Dashboard (${districts})`, rows: [row('gateway, cache off', 10, p50)], listed: { count: districts, noun: 'district' } },
      ],
    });
    const lines = renderGrowth(dashboard(1, 10, 300), dashboard(10, 100, 1500)).split('\n');
    expect(lines.find((l) => l.startsWith('| 1. Dashboard (100)'))).toContain('| 300.0 | 1500.0 | 5.00× |');
    expect(lines.find((l) => l.startsWith('| ↳'))).toBe('| ↳ p50 per district listed (10 → 100) | | | | 30.0 | 15.0 | 0.50× | | |');
  });

  it('leaves a scenario measured at one scale only without a ratio', () => {
    const one = report(1, [row('gateway, cache off', 100, 150)], [], 200, 45);
    const ten = report(10, [{ ...row('gateway, cache off', 0, 0), error: 'timed out' }], [], 900, 400);
    expect(renderGrowth(one, ten)).toContain('| 2. Member search | 100.0 | – | – |');
  });
});

describe('reportName', () => {
  it('keeps a narrowed run (--only) out of the full run’s report, which the growth table grows from', () => {
    expect(reportName(true, null)).toBe('report-compare');
    expect(reportName(false, null)).toBe('report');
    expect(reportName(true, ['write'])).toBe('report-compare-only');
    expect(reportName(false, ['dashboard', 'search'])).toBe('report-only');
  });
});
