import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Role } from '@khg/domain';
import type { Bucket, Limiter, RateLimits } from './rate-limit';
import type { RedisClient } from './redis';

/**
 * A bucket of `burst` requests refilled at `rate` per second, as rate-limiter-flexible's fixed
 * window: `burst` requests per `burst / rate` seconds, the same average and the same burst.
 */
export const windowOf = (b: Bucket) => ({ points: b.burst, duration: Math.max(1, Math.ceil(b.burst / b.rate)) });

interface RoleLimiters {
  caller: RateLimiterRedis;
  role: RateLimiterRedis;
}

/**
 * The per-caller and per-role budgets in Redis, shared by every gateway replica (N replicas allow
 * the limit once, not N times). While Redis is unreachable each replica counts in its own memory
 * (the library's insurance limiter), so an outage neither blocks nor unlimits callers.
 */
export class SharedRateLimiter implements Limiter {
  private readonly byRole = new Map<string, RoleLimiters>();

  constructor(
    private readonly client: RedisClient,
    private readonly limits: RateLimits,
    private readonly fallback: { perCaller: Bucket; perRole: Bucket },
  ) {}

  async take(sub: string, role: Role | 'ANONYMOUS'): Promise<number> {
    const l = this.limitersOf(role);
    const callerWait = await consume(l.caller, sub);
    if (callerWait > 0) return callerWait;
    const roleWait = await consume(l.role, 'all');
    // Refused by the role's budget: this request used nothing of the caller's.
    if (roleWait > 0) await l.caller.reward(sub, 1).catch(() => undefined);
    return roleWait;
  }

  private limitersOf(role: string): RoleLimiters {
    let l = this.byRole.get(role);
    if (!l) {
      const b = this.limits[role] ?? this.fallback;
      const make = (bucket: Bucket, prefix: string) =>
        new RateLimiterRedis({
          storeClient: this.client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          keyPrefix: prefix,
          ...windowOf(bucket),
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, ...windowOf(bucket) }),
        });
      l = { caller: make(b.perCaller, `khg:rl:caller:${role}`), role: make(b.perRole, `khg:rl:role:${role}`) };
      this.byRole.set(role, l);
    }
    return l;
  }
}

/** 0 when a point was taken, else whole seconds until one is free. */
async function consume(limiter: RateLimiterRedis, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (e) {
    if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
    throw e;
  }
}
