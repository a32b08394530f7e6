import { GraphQLError, getOperationAST, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { Role } from '@khg/domain';
import type { Caller, Logger } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import { maskSuggestions, type OperationGuard } from '../limits';

/**
 * What every subscription transport shares (graphql-ws, the legacy subscriptions-transport-ws
 * protocol, Server-Sent Events): who may subscribe, and the checks an operation passes before it
 * runs. Filters, the replay cursor and officer scoping live in the `events` resolver itself, so
 * every transport gets them alike.
 */
export const SUBSCRIBER_ROLES: readonly Role[] = [Role.ADMIN, Role.DEPARTMENT, Role.ANALYST, Role.OFFICER];

/** The context of one subscriber's operations: its caller, and its token to fetch event entities as itself. */
export interface SubscriptionContext {
  caller: Caller;
  token: string;
}

/** Why a subscriber was turned away: 401 (no or bad token) or 403 (a role that may not subscribe). */
export class SubscriberRefused extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  ) {
    super(message);
  }
}

/** The Authorization value a client sent in connection parameters (graphql-ws, Playground's headers pane) or a header. */
export function authorizationOf(params: Record<string, unknown> | null | undefined): string {
  const p = params ?? {};
  return String(p.authorization ?? p.Authorization ?? (p.token ? `Bearer ${String(p.token)}` : ''));
}

export async function authenticateSubscriber(auth: CallerAuthenticator, authorization: string, log: Logger): Promise<SubscriptionContext> {
  let caller: Caller;
  try {
    ({ caller } = await auth.authenticate(authorization));
  } catch (e) {
    log.debug({ err: (e as Error).message }, 'subscription refused');
    throw new SubscriberRefused(401, `Could not authenticate the subscriber: ${(e as Error).message}`, 'UNAUTHENTICATED');
  }
  if (!SUBSCRIBER_ROLES.includes(caller.role)) {
    throw new SubscriberRefused(403, `The role ${caller.role} may not subscribe to events (ADMIN, DEPARTMENT, ANALYST or OFFICER may)`, 'FORBIDDEN');
  }
  return { caller, token: authorization.replace(/^Bearer\s+/i, '') };
}

export interface SubscribeRequest {
  query?: unknown;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** A checked operation, or the errors to answer instead (each with `extensions.code`). */
export type CheckedOperation = { document: DocumentNode } | { errors: GraphQLFormattedError[] };

const formatted = (e: GraphQLError): GraphQLFormattedError => {
  const { http: _http, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
  return { ...e.toJSON(), message: maskSuggestions(e.message), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...extensions } };
};

/**
 * Parse (within the token limit), validate, insist on a subscription, then the operation limits:
 * the same as HTTP queries (docs/security.md). Queries and mutations belong on HTTP, where the
 * rate limit, the response cache and the safelist apply.
 */
export function checkSubscription(schema: GraphQLSchema, req: SubscribeRequest, guard: OperationGuard | undefined): CheckedOperation {
  try {
    if (typeof req.query !== 'string' || !req.query.trim()) {
      return { errors: [{ message: 'The operation has no query text', extensions: { code: 'BAD_REQUEST' } }] };
    }
    let document: DocumentNode;
    try {
      document = guard ? guard.parse(req.query) : parse(req.query);
    } catch (e) {
      if (e instanceof GraphQLError && !e.extensions?.code) return { errors: [{ ...formatted(e), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] };
      throw e;
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { errors: invalid.map(formatted) };
    const op = getOperationAST(document, req.operationName ?? undefined);
    if (!op)
      return { errors: [{ message: 'Name the operation to run (operationName): the document holds several, or none', extensions: { code: 'BAD_REQUEST' } }] };
    if (op.operation !== 'subscription') {
      return {
        errors: [
          {
            message: `Only subscriptions run over this transport; send ${op.operation === 'query' ? 'queries' : 'mutations'} over HTTP (POST /graphql)`,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      };
    }
    guard?.check(schema, document, req.variables ?? undefined, req.operationName);
    return { document };
  } catch (e) {
    if (e instanceof GraphQLError) return { errors: [formatted(e)] };
    throw e;
  }
}
