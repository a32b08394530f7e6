import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '@khg/platform';
import type { CacheTicket, GatewayContext } from './context';

/**
 * Every subgraph asks membership where organisations and areas sit (the membership directory), so a
 * write there can change any answer: every entry depends on it.
 */
const DIRECTORY_SERVICE = 'membership';
/**
 * Answers that depend on the caller's own subject (webhooks, in the gateway's events subgraph), or
 * on the moment (signed download links, in its downloads subgraph).
 */
const SUBJECT_SCOPED_SERVICES = new Set(['events', 'downloads']);

interface Entry {
  body: string;
  services: readonly string[];
  asOf: number;
}

export interface CacheableRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  stored: number;
  /** answers not stored because a service they read changed while they were computed */
  staleOnArrival: number;
  invalidations: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Whole query answers, keyed by the operation, its variables and what the caller may see (role,
 * organisation, member), invalidated by the domain events of the services the answer read: a
 * mutation through this gateway invalidates before its response is sent (read-your-writes); writes
 * through other replicas arrive through the event log (docs/performance.md). The TTL bounds what no
 * event announces (answers that depend on today's date).
 */
export class ResponseCache {
  private clock = 0;
  private readonly changedAt = new Map<string, number>();
  private readonly entries: LRUCache<string, Entry>;
  /** operation texts (sha256) that read fields whose every read is recorded: cached per reader (personal-reads.ts) */
  private readonly perReader = new Set<string>();
  readonly stats: ResponseCacheStats = { hits: 0, misses: 0, stored: 0, staleOnArrival: 0, invalidations: 0 };

  /** `now` (milliseconds) replaces the monotonic clock of the TTL, so a test can move time. */
  constructor(o: { maxBytes: number; ttlMs: number; now?: () => number }) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: o.maxBytes,
      sizeCalculation: (e, k) => e.body.length * 2 + k.length + 64,
      ttl: o.ttlMs,
      // lru-cache otherwise reuses one reading of the clock for a while
      ...(o.now ? { perf: { now: o.now }, ttlResolution: 0 } : {}),
    });
  }

  /** A ticket for a request that may be answered from (and stored in) the cache; null when it may not. */
  ticket(req: CacheableRequest, caller: Caller): CacheTicket | null {
    const text = typeof req.query === 'string' ? sha256(req.query) : req.extensions?.persistedQuery?.sha256Hash;
    if (typeof text !== 'string') return null;
    const key = sha256(
      JSON.stringify([
        text,
        req.operationName ?? null,
        req.variables ?? null,
        caller.role,
        caller.orgId ?? null,
        caller.memberId ?? null,
        ...(this.perReader.has(text) ? [caller.sub] : []),
      ]),
    );
    return { key, asOf: this.clock };
  }

  /** From now on this operation's answers are kept per reader (token subject); the ticket for this request. */
  perReaderTicket(req: CacheableRequest, caller: Caller, asOf: number): CacheTicket | null {
    const text = typeof req.query === 'string' ? sha256(req.query) : req.extensions?.persistedQuery?.sha256Hash;
    if (typeof text !== 'string') return null;
    this.perReader.add(text);
    const t = this.ticket(req, caller);
    return t && { key: t.key, asOf };
  }

  get(key: string): string | undefined {
    const e = this.entries.get(key);
    if (e && this.unchangedSince(e.services, e.asOf)) {
      this.stats.hits++;
      return e.body;
    }
    if (e) this.entries.delete(key);
    this.stats.misses++;
    return undefined;
  }

  /** Stores an answer that read `services`, unless one of them changed after `ticket.asOf`. */
  set(ticket: CacheTicket, body: string, services: ReadonlySet<string>): boolean {
    if ([...services].some((s) => SUBJECT_SCOPED_SERVICES.has(s))) return false;
    const deps = [...new Set([...services, DIRECTORY_SERVICE])];
    if (!this.unchangedSince(deps, ticket.asOf)) {
      this.stats.staleOnArrival++;
      return false;
    }
    this.entries.set(ticket.key, { body, services: deps, asOf: ticket.asOf });
    this.stats.stored++;
    return true;
  }

  /** Everything that read one of these services is stale from now on. */
  invalidate(services: Iterable<string>): void {
    let any = false;
    for (const s of services) {
      if (!any) {
        this.clock++;
        any = true;
      }
      this.changedAt.set(s, this.clock);
    }
    if (any) this.stats.invalidations++;
  }

  clear(): void {
    this.clock++;
    this.entries.clear();
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  private unchangedSince(services: readonly string[], asOf: number): boolean {
    return services.every((s) => (this.changedAt.get(s) ?? 0) <= asOf);
  }
}

/** Stores clean query answers; a mutation invalidates what it touched before its answer leaves. */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue, response, operation }) => {
        const touched = contextValue.touched;
        if (!touched) return;
        if (operation?.operation === 'mutation') {
          cache.invalidate(touched);
          return;
        }
        const ticket = contextValue.cacheTicket;
        if (!ticket || operation?.operation !== 'query' || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors?.length || (response.http.status ?? 200) !== 200) return;
        if (cache.set(ticket, JSON.stringify(result), touched)) response.http.headers.set('x-khg-cache', 'miss');
      },
    }),
  };
}
