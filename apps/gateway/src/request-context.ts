import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { DomainError, REQUEST_ID_HEADER, toGraphQLError } from '@khg/platform';
import type { Authenticated, CallerAuthenticator } from './caller';
import type { CacheTicket, GatewayContext } from './context';

/** One operation of a request body (a batch holds several). */
export interface OperationBody {
  query?: unknown;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** The caller's request id, or a new one: subgraph fetches and log lines carry it. */
export function requestIdOf(req: IncomingMessage): string {
  return String(req.headers[REQUEST_ID_HEADER] ?? '') || randomUUID();
}

/**
 * A GET's operation, from its query string as Apollo reads it (`query`, `operationName`, and
 * `variables`/`extensions` as JSON), so the token limit, rate limit and cache see GET like POST.
 * Parameters that are not valid JSON are left out here: Apollo answers them 400.
 */
export function operationFromSearch(url: string | undefined): OperationBody | undefined {
  const params = new URL(url ?? '/', 'http://localhost').searchParams;
  const json = (name: string): unknown => {
    const v = params.get(name);
    if (v === null) return undefined;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  };
  if (!params.has('query') && !params.has('extensions')) return undefined;
  const op: OperationBody = {};
  if (params.has('query')) op.query = params.get('query');
  if (params.has('operationName')) op.operationName = params.get('operationName') ?? undefined;
  const variables = json('variables');
  if (variables !== undefined) op.variables = variables as Record<string, unknown>;
  const extensions = json('extensions');
  if (extensions !== undefined) op.extensions = extensions as OperationBody['extensions'];
  return op;
}

/**
 * One HTTP request to the GraphQL endpoint as the checks see it: its parsed body, its request id and
 * its caller, authenticated once (on first use) for the rate limit, the response cache, local
 * introspection and Apollo's context alike.
 */
export class GraphQLHttpRequest {
  readonly batch: boolean;
  readonly ops: readonly (OperationBody | undefined)[];
  /** the operation of a request that is not a batch */
  readonly operation: OperationBody | undefined;
  /** set by the response cache when the answer may be stored */
  cacheTicket: CacheTicket | null = null;
  private authentication: Promise<Authenticated | null> | null = null;
  private refusal: unknown = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
    readonly body: unknown,
    private readonly auth: CallerAuthenticator,
  ) {
    this.batch = Array.isArray(body);
    const single = req.method === 'GET' ? operationFromSearch(req.url) : (body as OperationBody | undefined);
    this.ops = (this.batch ? body : [single]) as (OperationBody | undefined)[];
    this.operation = this.batch ? undefined : single;
  }

  /** The verified caller, or null when the token is missing or bad (`refused()` says why). */
  caller(): Promise<Authenticated | null> {
    this.authentication ??= this.auth.authenticate(this.req.headers.authorization).catch((e: unknown) => {
      this.refusal = e;
      return null;
    });
    return this.authentication;
  }

  /** Why the caller was not authenticated, as the error clients see (HTTP 401). */
  refused(): GraphQLError {
    if (this.refusal instanceof DomainError) return toGraphQLError(this.refusal);
    return new GraphQLError('Could not authenticate the request', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }

  /** The message of the refusal, as local introspection answers it. */
  refusalMessage(): string {
    return (this.refusal as Error | null)?.message ?? 'Could not authenticate the request';
  }

  /** Apollo's context: refuses the whole operation (401) without a valid token. */
  async apolloContext(): Promise<GatewayContext> {
    const who = await this.caller();
    if (!who) throw this.refused();
    return {
      caller: who.caller,
      callerHeader: who.header,
      requestId: this.requestId,
      touched: new Set<string>(),
      ...(this.cacheTicket ? { cacheTicket: this.cacheTicket } : {}),
    };
  }
}
