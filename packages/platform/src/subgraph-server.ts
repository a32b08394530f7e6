import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { CALLER_HEADER, REQUEST_ID_HEADER, verifyInternalCaller } from './auth';
import type { RequestContext } from './context';
import { DomainError, formatError, toGraphQLError } from './errors';
import { memoryMetrics, readJsonBody, runApollo, sendJson, BodyTooLargeError } from './http';
import { sqlStatements } from './db';
import { STREAMS_PATH, serveStream, type SubgraphStream } from './subgraph-stream';

/**
 * The largest request a subgraph reads. Only the gateway calls subgraphs, and its own body limit
 * bounds public requests; its imports send a whole file's rows (100,000 members ≈ 15 MB) in one
 * bulk mutation so that they commit all or nothing.
 */
export const SUBGRAPH_BODY_LIMIT = 64_000_000;

export interface SubgraphServerOptions<L> {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  host: string;
  port: number;
  internalSecret: string;
  log: Logger;
  /** one fresh set of DataLoaders per request */
  makeLoaders: () => L;
  bodyLimit?: number;
  /** long lists served as NDJSON at /streams/<name> (the gateway's file exports) */
  streams?: SubgraphStream[];
}

export interface RunningSubgraph {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves a subgraph: /graphql and /streams/<name> (only for callers the gateway vouches for),
 * /health/live, /health/ready (database reachable), /metrics (Prometheus text).
 */
export async function startSubgraphServer<L>(o: SubgraphServerOptions<L>): Promise<RunningSubgraph> {
  const httpServer: Server = createServer();
  // Apollo's formatError gets no context: the request's id reaches the log line through this scope
  const requestIds = new AsyncLocalStorage<string>();
  const apollo = new ApolloServer<RequestContext<L>>({
    schema: o.schema,
    stopOnTerminationSignals: false, // stopOnSignals orders the shutdown; Apollo's handler raced it
    csrfPrevention: false, // only the gateway calls subgraphs, with a signed caller header
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Cache control is one of Apollo's default plugins; nothing here sets cache hints (the gateway keeps
    // its own response cache), and its per-field hook wrapped every resolver of an answer: with it, a
    // 500-donation page allocated about a fifth more (docs/performance.md, fan-out memory).
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    formatError: (formatted, error) => formatError(formatted, error, (e) => o.log.error({ err: e, requestId: requestIds.getStore() }, 'unexpected error')),
  });
  await apollo.start();

  let requests = 0;
  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok', service: o.name });
    if (path === '/health/ready') {
      o.dataSource
        .query('SELECT 1')
        .then(() => sendJson(res, 200, { status: 'ready', service: o.name }))
        .catch((e: Error) => sendJson(res, 503, { status: 'unavailable', service: o.name, reason: e.message }));
      return;
    }
    if (path === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(
        `# TYPE khg_sql_statements_total counter\nkhg_sql_statements_total{service="${o.name}"} ${sqlStatements.total}\n` +
          `# TYPE khg_graphql_requests_total counter\nkhg_graphql_requests_total{service="${o.name}"} ${requests}\n` +
          memoryMetrics(),
      );
      return;
    }
    if (path.startsWith(STREAMS_PATH)) {
      const stream = o.streams?.find((s) => s.name === path.slice(STREAMS_PATH.length));
      if (!stream || req.method !== 'GET') return sendJson(res, 404, { error: 'not found' });
      verifyInternalCaller(o.internalSecret, req.headers[CALLER_HEADER] as string | undefined)
        .then((caller) => serveStream(stream, caller, new URL(req.url ?? '/', 'http://localhost').searchParams, res, o.log))
        .catch((e: Error) => {
          if (res.headersSent) return void res.destroy();
          sendJson(res, 401, { error: e.message, code: 'UNAUTHENTICATED' });
        });
      return;
    }
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });
    requests++;
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '');
    readJsonBody(req, o.bodyLimit ?? SUBGRAPH_BODY_LIMIT)
      .then((body) =>
        requestIds.run(requestId, () =>
          runApollo(apollo, req, res, body, async () => {
            try {
              const caller = await verifyInternalCaller(o.internalSecret, req.headers[CALLER_HEADER] as string | undefined);
              return { caller, requestId, loaders: o.makeLoaders(), log: o.log.child({ requestId }) };
            } catch (e) {
              throw e instanceof DomainError ? toGraphQLError(e) : e;
            }
          }),
        ),
      )
      .catch((e: Error) => {
        if (res.headersSent) return res.end();
        const status = e instanceof BodyTooLargeError ? 413 : 400;
        sendJson(res, status, { errors: [{ message: e.message, extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } }] });
      });
  });

  await new Promise<void>((resolve) => httpServer.listen(o.port, o.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  o.log.info({ port }, `${o.name} subgraph listening`);
  return {
    url: `http://${o.host}:${port}/graphql`,
    port,
    async stop() {
      await apollo.stop();
      await o.dataSource.destroy();
    },
  };
}

/** Stops cleanly on SIGTERM / SIGINT: no new requests, in-flight ones finish, pool closes. */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
