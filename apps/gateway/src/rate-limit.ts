import type { Role } from '@khg/domain';
import { GraphQLError } from 'graphql';

export interface Bucket {
  rate: number;
  burst: number;
}

/** Per-role budgets: `perCaller` bounds one token subject, `perRole` all callers of the role together. */
export type RateLimits = Record<string, { perCaller: Bucket; perRole: Bucket }>;

interface State {
  tokens: number;
  at: number;
}

/** Takes one request from the caller's and the role's budgets; seconds to wait when refused, else 0. */
export interface Limiter {
  take(sub: string, role: Role | 'ANONYMOUS'): number | Promise<number>;
}

/**
 * In-memory token buckets (one per caller and one per role), refilled continuously: the default, one
 * replica's own budgets. With REDIS_URL the replicas share theirs (rate-limit-shared.ts).
 */
export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, State>();

  constructor(
    private readonly limits: RateLimits,
    private readonly fallback: { perCaller: Bucket; perRole: Bucket },
  ) {}

  /** Takes one token from the caller's and the role's buckets; returns seconds to wait when refused. */
  take(sub: string, role: Role | 'ANONYMOUS', now = Date.now()): number {
    const l = this.limits[role] ?? this.fallback;
    const wait = Math.max(this.peek(`c:${role}:${sub}`, l.perCaller, now), this.peek(`r:${role}`, l.perRole, now));
    if (wait > 0) return wait;
    this.buckets.get(`c:${role}:${sub}`)!.tokens -= 1;
    this.buckets.get(`r:${role}`)!.tokens -= 1;
    if (this.buckets.size > 100_000) this.sweep(now);
    return 0;
  }

  private peek(key: string, b: Bucket, now: number): number {
    let s = this.buckets.get(key);
    if (!s) {
      s = { tokens: b.burst, at: now };
      this.buckets.set(key, s);
    }
    s.tokens = Math.min(b.burst, s.tokens + ((now - s.at) / 1000) * b.rate);
    s.at = now;
    return s.tokens >= 1 ? 0 : Math.ceil((1 - s.tokens) / b.rate);
  }

  /** Forgets full buckets (idle callers) so memory stays bounded. */
  private sweep(now: number): void {
    for (const [k, s] of this.buckets) if (now - s.at > 600_000) this.buckets.delete(k);
  }
}

export function rateLimited(retryAfterS: number, role: string): GraphQLError {
  return new GraphQLError(`Too many requests for this caller or for the role ${role}; retry after ${retryAfterS} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterS },
  });
}

/** "OFFICER=20/60:400/800,DEPARTMENT=5/20:50/100" → rate/burst per caller : rate/burst per role. */
export function parseRateLimits(spec: string): RateLimits {
  const out: RateLimits = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Z_]+)=(\d+(?:\.\d+)?)\/(\d+):(\d+(?:\.\d+)?)\/(\d+)$/.exec(part);
    if (!m) throw new Error(`RATE_LIMITS: "${part}" is not ROLE=rate/burst:rate/burst`);
    out[m[1]] = { perCaller: { rate: +m[2], burst: +m[3] }, perRole: { rate: +m[4], burst: +m[5] } };
  }
  return out;
}
