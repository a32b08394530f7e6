import { Role } from '@khg/domain';
import { RateLimiter, parseRateLimits } from './rate-limit';

// Refill is time-dependent, so it is tested here with a clock the test moves; the integration test
// (test/hardening-limits.test.ts) configures a refill too slow to matter and counts the burst.
describe('RateLimiter', () => {
  const limits = parseRateLimits('DEPARTMENT=0.5/3:100/100,ANALYST=100/100:1/2');
  const fallback = { perCaller: { rate: 10, burst: 10 }, perRole: { rate: 10, burst: 10 } };

  it('answers a caller its burst, then says how long to wait', () => {
    const l = new RateLimiter(limits, fallback);
    const t = 1_000_000;
    expect([0, 1, 2].map(() => l.take('a', Role.DEPARTMENT, t))).toEqual([0, 0, 0]);
    // 0.5 token per second: one whole token in 2 s.
    expect(l.take('a', Role.DEPARTMENT, t)).toBe(2);
    expect(l.take('b', Role.DEPARTMENT, t)).toBe(0);
  });

  it('refills at the configured rate and never above the burst', () => {
    const l = new RateLimiter(limits, fallback);
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) l.take('a', Role.DEPARTMENT, t);
    expect(l.take('a', Role.DEPARTMENT, t + 1_000)).toBe(1);
    expect(l.take('a', Role.DEPARTMENT, t + 2_000)).toBe(0);
    expect(l.take('a', Role.DEPARTMENT, t + 2_000)).toBe(2);
    // An hour idle fills the bucket to its burst (3), not to 1800 tokens.
    const later = t + 3_600_000;
    expect([0, 1, 2, 3].map(() => l.take('a', Role.DEPARTMENT, later))).toEqual([0, 0, 0, 2]);
  });

  it('limits a role as a whole across its callers', () => {
    const l = new RateLimiter(limits, fallback);
    const t = 1_000_000;
    expect(['x', 'y', 'z'].map((sub) => l.take(sub, Role.ANALYST, t))).toEqual([0, 0, 1]);
    expect(l.take('z', Role.ANALYST, t + 1_000)).toBe(0);
  });

  it('uses the fallback for a role without its own limits', () => {
    const l = new RateLimiter(limits, fallback);
    const answered = Array.from({ length: 11 }, () => l.take('o', Role.OFFICER, 5_000)).filter((w) => w === 0).length;
    expect(answered).toBe(10);
  });
});
