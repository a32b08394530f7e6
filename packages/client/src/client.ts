import { createClient, type Client } from 'graphql-ws';

/** A generated operation (client preset, string mode): its text, its types and its trusted-document hash. */
export interface Operation<TResult, TVariables> {
  toString(): string;
  __meta__?: Record<string, unknown>;
  /** phantom: ties the operation to its result and variables types */
  __apiType?: (variables: TVariables) => TResult;
}

export interface GraphErrorBody {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** The answer carried errors: `errors` as the gateway sent them (extensions.code says why). */
export class GraphError extends Error {
  constructor(readonly errors: readonly GraphErrorBody[]) {
    super(errors.map((e) => `${e.message}${e.extensions?.code ? ` (${e.extensions.code})` : ''}`).join('; '));
  }
}

export interface GraphClientOptions {
  /** the gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql */
  url: string;
  /** returns the bearer token for each request (a pasted one, or a refreshed one) */
  token: () => string;
  /** a WebSocket implementation outside browsers (Node: the `ws` package) */
  webSocketImpl?: unknown;
}

export interface GraphClient {
  query<R, V>(operation: Operation<R, V>, variables: V): Promise<R>;
  /** Calls `next` for each event until the returned function is called; `error` once if it fails. */
  subscribe<R, V>(operation: Operation<R, V>, variables: V, sink: { next(data: R): void; error?(e: unknown): void }): () => void;
  close(): Promise<void>;
}

const hashOf = (op: { __meta__?: Record<string, unknown> }) => (typeof op.__meta__?.sha256Hash === 'string' ? op.__meta__.sha256Hash : null);

/**
 * The graph's client over fetch and graphql-ws. A query goes first by its trusted-document hash
 * alone (the gateway knows it from the trusted documents list; a GET-able, cacheable request) and
 * with its text only when the gateway does not know the hash (a development gateway without the list).
 */
export function createGraphClient(o: GraphClientOptions): GraphClient {
  let ws: Client | null = null;
  const post = async (body: unknown) => {
    const res = await fetch(o.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${o.token()}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { data?: unknown; errors?: GraphErrorBody[] };
  };
  return {
    async query<R, V>(operation: Operation<R, V>, variables: V): Promise<R> {
      const sha256Hash = hashOf(operation);
      let answer = sha256Hash ? await post({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }) : null;
      if (!answer || answer.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND'))
        answer = await post({ query: operation.toString(), variables });
      if (answer.errors?.length) throw new GraphError(answer.errors);
      return answer.data as R;
    },
    subscribe<R, V>(operation: Operation<R, V>, variables: V, sink: { next(data: R): void; error?(e: unknown): void }) {
      ws ??= createClient({
        url: o.url.replace(/^http/, 'ws'),
        connectionParams: () => ({ authorization: `Bearer ${o.token()}` }),
        ...(o.webSocketImpl ? { webSocketImpl: o.webSocketImpl } : {}),
      });
      return ws.subscribe<R>(
        { query: operation.toString(), variables: variables as Record<string, unknown> },
        {
          next: (r) => (r.errors?.length ? sink.error?.(new GraphError(r.errors as GraphErrorBody[])) : sink.next(r.data as R)),
          error: (e) => sink.error?.(e),
          complete: () => undefined,
        },
      );
    },
    close: async () => {
      await ws?.dispose();
      ws = null;
    },
  };
}
