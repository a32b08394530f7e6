import type { Measurement } from './load';
import { unexpectedFailures } from './verdict';

const row = (target: string, failed: number, extra: Partial<Measurement> = {}): Measurement => ({
  target,
  rps: 100,
  p50: 5,
  p99: 20,
  requests: 1000,
  failed,
  sqlPerRequest: 1,
  sqlBySubgraph: {},
  gatewayRssBytes: 1,
  subgraphRssBytes: {},
  ...extra,
});
const delivery = { subscribers: 10, connected: 10, mutations: 5, expected: 50, delivered: 50, p50: 1, p99: 2, max: 3, connectSeconds: 1, gatewayRssBytes: 1 };

describe('unexpectedFailures (the bench exit code)', () => {
  it('passes a run where nothing failed', () => {
    expect(unexpectedFailures({ scenarios: [{ key: 'search', title: 'Search', rows: [row('gateway', 0), row('hive', 0)] }], delivery })).toEqual([]);
  });

  it('names each scenario and target with failed requests', () => {
    expect(
      unexpectedFailures({
        scenarios: [
          { key: 'search', title: 'Search', rows: [row('gateway', 0), row('hive', 3)] },
          { key: 'donate', title: 'Donate', rows: [row('gateway', 1)] },
        ],
        delivery: null,
      }),
    ).toEqual(['search / hive: 3 of 1000 requests failed', 'donate / gateway: 1 of 1000 requests failed']);
  });

  it('tolerates failures only where they are expected, for that target', () => {
    const scenarios = [{ key: 'limits', title: 'Limits', rows: [row('gateway', 7), row('hive', 2)] }];
    expect(unexpectedFailures({ scenarios, delivery: null }, { limits: { gateway: 'rate limited on purpose' } })).toEqual([
      'limits / hive: 2 of 1000 requests failed',
    ]);
  });

  it('fails a measurement that could not run, and subscribers that missed events', () => {
    expect(
      unexpectedFailures({
        scenarios: [{ key: 'dashboard', title: 'Dashboard', rows: [row('gateway', 0, { error: 'connection refused' })] }],
        delivery: { ...delivery, connected: 9, delivered: 45 },
      }),
    ).toEqual([
      'dashboard / gateway: could not be measured: connection refused',
      'subscriptions: only 9 of 10 subscribers connected',
      'subscriptions: 45 events delivered, 50 expected',
    ]);
  });
});
