import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Logger } from '@khg/platform';
import { introspect, introspectionOnly } from './introspection';
import { LimitError, limitError, maskSuggestions, type OperationGuard } from './limits';
import { sendGraphQL } from './media';
import type { AddressOf } from './client-address';
import { rateLimited, type Limiter } from './rate-limit';
import type { ResponseCache } from './response-cache';
import type { GraphQLHttpRequest } from './request-context';

/**
 * A step of the GraphQL endpoint before Apollo: it answers the request itself (returns true) or lets
 * it through (false); a refused operation may also throw a LimitError. The pipeline runs them in order.
 */
export type Check = (r: GraphQLHttpRequest) => boolean | Promise<boolean>;

/**
 * Variables, when sent, must be an object: Apollo hands anything else on to execution, which fails
 * with an internal error (500) for what is the caller's mistake.
 */
export const variablesAreObjects: Check = (r) => {
  for (const op of r.ops) {
    const v = (op as { variables?: unknown } | undefined)?.variables;
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new GraphQLError('`variables` must be a JSON object of variable names and values', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
    }
  }
  return false;
};

/** Batch size and token count: cheap, so first; they bound the work anything after them does. */
export function operationLimits(guard: OperationGuard, maxBatch: number): Check {
  return (r) => {
    if (r.batch && r.ops.length > maxBatch) {
      throw maxBatch === 0
        ? new LimitError('batch', 0, `Batched requests are off: send one operation per request (the batch limit is 0, found ${r.ops.length})`, r.ops.length)
        : limitError('batch', maxBatch, r.ops.length);
    }
    for (const op of r.ops) guard.checkTokens(op?.query);
    return false;
  };
}

/** Per caller (or per client address without a valid token) and per role: 429 with Retry-After. */
export function rateLimit(limiter: Limiter, addressOf: AddressOf, log: Logger): Check {
  return async (r) => {
    const who = await r.caller();
    const role = who?.caller.role ?? 'ANONYMOUS';
    const wait = await limiter.take(who?.caller.sub ?? `ip:${addressOf(r.req)}`, role);
    if (wait <= 0) return false;
    const err = rateLimited(wait, role);
    log.info({ requestId: r.requestId, operationName: r.operation?.operationName ?? null, code: 'RATE_LIMITED', role }, 'request refused: client error');
    sendGraphQL(r.req, r.res, 429, { errors: [{ message: err.message, extensions: err.extensions }] }, { 'retry-after': String(wait) });
    return true;
  };
}

/**
 * Schema introspection is answered locally (no subgraph, bounded by the schema's size) from the
 * combined schema, the one with subscriptions, and only for authenticated callers: the depth and cost
 * limits, which Playground's and codegen's standard introspection query exceeds, do not apply to it;
 * the token limit already did.
 */
export function localIntrospection(guard: OperationGuard, schema: () => GraphQLSchema | null): Check {
  return async (r) => {
    const combined = schema();
    const op = r.operation;
    const doc = (r.req.method === 'POST' || r.req.method === 'GET') && combined && !r.batch ? introspectionOnly(op?.query, op?.operationName) : null;
    if (!combined || !doc) return false;
    if (!(await r.caller())) {
      sendGraphQL(r.req, r.res, 401, { errors: [{ message: r.refusalMessage(), extensions: { code: 'UNAUTHENTICATED' } }] });
      return true;
    }
    if (!/__schema|__type\b/.test(String(op?.query))) guard.check(combined, doc, op?.variables, op?.operationName);
    const result = introspect(combined, doc, op?.variables, op?.operationName);
    // A validation error (no data) is a request error: 400 in both media types, as Apollo answers the other documents.
    const status = result.errors && result.data === undefined ? 400 : 200;
    sendGraphQL(r.req, r.res, status, {
      ...result,
      ...(result.errors ? { errors: result.errors.map((e) => ({ ...e.toJSON(), message: maskSuggestions(e.message) })) } : {}),
    });
    return true;
  };
}

/** Answers a stored query answer (`x-khg-cache: hit`), or gives the request a ticket to store its own. */
export function responseCache(cache: ResponseCache): Check {
  return async (r) => {
    const who = await r.caller();
    // JSON POSTs and GETs with a valid token: Apollo's CSRF prevention, which a cached answer skips,
    // refuses neither (a token comes in the Authorization header, which no simple request carries).
    const cacheable = r.req.method === 'GET' || (r.req.method === 'POST' && /^application\/json/i.test(r.req.headers['content-type'] ?? ''));
    const ticket = who && r.operation && !r.batch && cacheable ? cache.ticket(r.operation, who.caller) : null;
    const hit = ticket && cache.get(ticket.key);
    if (hit) {
      sendGraphQL(r.req, r.res, 200, hit, { 'x-khg-cache': 'hit' });
      return true;
    }
    r.cacheTicket = ticket;
    return false;
  };
}
