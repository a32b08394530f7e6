import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@khg/platform';

/** What the log says about the request an error belongs to. */
export interface RequestScope {
  requestId: string;
  operationName?: string;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (Apollo's handling of one HTTP request) with its scope visible to `formatError`. */
export function inRequestScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

export const currentScope = (): RequestScope | undefined => scopes.getStore();

/** The caller sent something wrong: its answer says what; nothing on our side needs attention. */
const CLIENT_CODES = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_LIMIT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_NOT_REGISTERED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PERSONAL_DATA',
  'CURSOR_EXPIRED',
]);
/** A service we depend on is down or busy: retryable, reported by its own health and logs. */
const UNAVAILABLE_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SHUTTING_DOWN']);

export type ErrorCause = 'client' | 'unavailable' | 'server';

/** Anything without a code we know as the caller's or a dependency's is a fault of ours. */
export function causeOf(code: unknown): ErrorCause {
  if (typeof code === 'string' && CLIENT_CODES.has(code)) return 'client';
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return 'unavailable';
  return 'server';
}

/**
 * Logs one error by its cause and returns what the client sees: a client's mistake at `info` with
 * the operation name; an unavailable dependency at `warn`; a server fault at `error` with the request
 * id, which its INTERNAL_SERVER_ERROR answer carries as `extensions.requestId` (so a report can be
 * matched with the log line).
 */
export function reportError(formatted: GraphQLFormattedError, scope: RequestScope | undefined, log: Logger, fault?: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const cause = causeOf(code);
  const where = { requestId: scope?.requestId, operationName: scope?.operationName ?? null, code: code ?? null };
  if (cause === 'client') {
    log.info({ ...where, message: formatted.message }, 'request refused: client error');
    return formatted;
  }
  if (cause === 'unavailable') {
    log.warn({ ...where, message: formatted.message }, 'request answered without an unavailable service');
    return formatted;
  }
  const err = fault instanceof Error ? { message: fault.message, name: fault.name } : { message: formatted.message };
  log.error({ ...where, err }, 'request failed: server fault');
  return { ...formatted, extensions: { ...formatted.extensions, code: code ?? 'INTERNAL_SERVER_ERROR', ...(scope ? { requestId: scope.requestId } : {}) } };
}
