import type { Caller } from '@khg/platform';

/**
 * What every operation carries through Apollo, its plugins and the subgraph fetches. A leaf module:
 * the caller's authentication fills it, the response cache and the subgraph sources read it.
 */
export interface GatewayContext {
  caller: Caller;
  /** the signed statement of the caller that subgraphs trust */
  callerHeader: string;
  requestId: string;
  /** the services this request's plan fetched from (what its answer depends on) */
  touched?: Set<string>;
  /**
   * set on operations the gateway writes itself (a subscription's entity fetch): the safelist, which
   * governs what callers send, does not apply to them
   */
  internal?: boolean;
  /** set when the answer may be stored in the response cache */
  cacheTicket?: CacheTicket;
}

/** A request's place in the response cache (issued by ResponseCache.ticket). */
export interface CacheTicket {
  key: string;
  /** the cache's clock when the request began: an answer is stored only if nothing it read changed since */
  asOf: number;
}
