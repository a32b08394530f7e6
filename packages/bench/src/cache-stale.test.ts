import { summarizeStaleWindow } from './cache-stale';
import { renderStaleWindow } from './report';
import { unexpectedFailures } from './verdict';

describe('the stale window across two replicas (summary and report line)', () => {
  it('summarises the measured windows as p50, p99 and max, and says whether the goal was met', () => {
    const w = summarizeStaleWindow([40, 10, 30, 20, 50, 60, 70, 80, 90, 100], 10);
    expect(w).toEqual({ samples: 10, measured: 10, p50: 50, p99: 100, max: 100 });
    expect(renderStaleWindow(w)).toBe(
      "Response cache across two gateway replicas: a write through one, until the other's cached answer changes: 10/10 samples; " +
        'median 50.0 ms, p99 100.0 ms, max 100.0 ms (p99 < 1000: met)',
    );
    expect(unexpectedFailures({ scenarios: [], delivery: null, staleWindow: w })).toEqual([]);
  });

  it('does not call the goal met when a sample never saw the change, and fails the run', () => {
    const w = summarizeStaleWindow([10, 20], 3, 'sample 2: the reader still answered the old balance after 10000 ms');
    expect(w.measured).toBe(2);
    expect(renderStaleWindow(w)).toContain('2/3 samples');
    expect(renderStaleWindow(w)).toContain('(p99 < 1000: NOT met); error: sample 2');
    expect(unexpectedFailures({ scenarios: [], delivery: null, staleWindow: w })).toEqual([
      'stale window: sample 2: the reader still answered the old balance after 10000 ms',
    ]);
  });

  it('names the slow samples and the warm-up write', () => {
    const line = renderStaleWindow({ ...summarizeStaleWindow([10, 1500], 2), slow: '#1: 1500 ms', warmupMs: 4200 });
    expect(line).toContain('(p99 < 1000: NOT met); over 1 s: #1: 1500 ms; the unmeasured warm-up writes took 4200.0 ms');
  });

  it('has no figures without samples', () => {
    expect(renderStaleWindow(summarizeStaleWindow([], 0))).toContain('0/0 samples; median – ms, p99 – ms, max – ms (p99 < 1000: NOT met)');
  });
});
