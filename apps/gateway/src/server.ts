import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { BodyTooLargeError, CALLER_HEADER, REQUEST_ID_HEADER, readJsonBody, runApollo, sendJson, type Logger } from '@khg/platform';
import { CallerAuthenticator, type GatewayContext } from './caller';
import { subgraphUrls, type GatewayConfig } from './config';
import { subgraphHealth } from './health';
import { enforceCustomScalars } from './scalars';
import { introspect, introspectionOnly } from './introspection';
import { EventStore } from './events/store';
import { OutboxRelay } from './events/relay';
import { EventHub } from './events/hub';
import { buildSubscriptionSchema, serveSubscriptions, type SubscriptionDeps } from './events/subscriptions';
import { WebhookDispatcher, buildWebhooksSchema } from './events/webhooks';
import { MembershipDirectory } from '@khg/platform';
import type { GraphQLSchema } from 'graphql';
import { PLAYGROUND_CSP, playgroundPage, servePlaygroundAsset, wantsPlayground } from './playground';

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

/** Forwards the verified caller and the request id to every subgraph fetch. */
class CallerForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context?.callerHeader) request.http?.headers.set(CALLER_HEADER, context.callerHeader);
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  const urls = subgraphUrls(config);
  const store = config.DATABASE_URL ? new EventStore(config.DATABASE_URL, log) : null;
  const webhooks = new LocalGraphQLDataSource(buildWebhooksSchema(store));
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => (name === 'events' ? webhooks : new CallerForwardingDataSource({ url: urls[name] ?? url })),
  });
  const httpServer = createServer();
  const auth = new CallerAuthenticator(config.JWT_SECRET, config.INTERNAL_SECRET);
  const directory = new MembershipDirectory(config.MEMBERSHIP_URL, config.INTERNAL_SECRET, 'gateway');
  const hub = store ? new EventHub(store, config.DATABASE_URL!, log, config.EVENT_POLL_MS) : null;
  const relay = store ? new OutboxRelay(store, config.DATABASE_URL!, directory, log, config.EVENT_POLL_MS) : null;
  if (!store) log.warn('DATABASE_URL is not set: subscriptions and webhooks are off');
  let combined: GraphQLSchema | null = null;
  const deps: Partial<SubscriptionDeps> = { store: store ?? undefined, hub: hub ?? undefined, auth, directory, log };
  // Registered before start: the gateway does not replay schema loads to late listeners.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    enforceCustomScalars(apiSchema);
    try {
      combined = store ? buildSubscriptionSchema(apiSchema, deps as SubscriptionDeps) : apiSchema;
    } catch (e) {
      // Keep serving queries; subscriptions answer with the reason until a good schema loads.
      log.error({ err: (e as Error).message }, 'could not build the subscription schema');
      combined = null;
    }
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true, // every operation needs a valid token, so introspection is for authenticated callers only
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted) => formatted,
  });
  deps.apollo = apollo;
  await store?.migrate();
  await apollo.start();
  await hub?.start();
  await relay?.start();
  const dispatcher = store ? new WebhookDispatcher(store, {
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS, maxFailures: config.WEBHOOK_MAX_FAILURES, timeoutMs: config.WEBHOOK_TIMEOUT_MS, pollMs: Math.min(config.EVENT_POLL_MS, 500),
  }, log) : null;
  dispatcher?.start();
  hub?.listen(() => dispatcher?.kick());
  const endpoint = '/graphql';
  const subscriptions = store ? serveSubscriptions(httpServer, endpoint, () => combined!, auth, log) : null;
  const retention = store ? setInterval(() => {
    store.applyRetention(config.EVENT_RETENTION_DAYS).catch((e: Error) => log.warn({ err: e.message }, 'event retention failed'));
  }, 3_600_000) : null;

  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok', service: 'gateway' });
    if (path === '/health/ready') {
      subgraphHealth(urls).then((subgraphs) => {
        const degraded = Object.entries(subgraphs).filter(([, s]) => s === 'down').map(([n]) => n);
        sendJson(res, degraded.length ? 503 : 200, { status: degraded.length ? 'degraded' : 'ready', subgraphs, degraded });
      }, (e: Error) => sendJson(res, 503, { status: 'unavailable', reason: e.message }));
      return;
    }
    if (path.startsWith('/playground-assets/')) {
      if (!servePlaygroundAsset(path, res)) sendJson(res, 404, { error: 'not found' });
      return;
    }
    if ((path === endpoint && wantsPlayground(req)) || path === '/playground') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-security-policy', PLAYGROUND_CSP);
      res.end(playgroundPage(endpoint));
      return;
    }
    if (path !== endpoint) return sendJson(res, 404, { error: 'not found', hint: `the GraphQL endpoint is ${endpoint}` });
    readJsonBody(req, config.BODY_LIMIT_BYTES)
      .then(async (body) => {
        const b = body as { query?: unknown; variables?: Record<string, unknown>; operationName?: string } | undefined;
        const doc = req.method === 'POST' && combined ? introspectionOnly(b?.query, b?.operationName) : null;
        if (!doc) return runApollo(apollo, req, res, body, () => auth.context(req));
        try {
          await auth.authenticate(req.headers.authorization);
        } catch (e) {
          return sendJson(res, 401, { errors: [{ message: (e as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
        }
        sendJson(res, 200, introspect(combined!, doc, b?.variables, b?.operationName));
      })
      .catch((e: Error) => {
        if (res.headersSent) return res.end();
        if (e instanceof BodyTooLargeError) {
          return sendJson(res, 413, { errors: [{ message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: config.BODY_LIMIT_BYTES } }] });
        }
        if (e instanceof SyntaxError) return sendJson(res, 400, { errors: [{ message: `The body is not valid JSON: ${e.message}`, extensions: { code: 'BAD_REQUEST' } }] });
        log.error({ err: e }, 'request failed');
        sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      });
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  log.info({ port }, 'gateway listening');
  return {
    url: `http://${config.HOST}:${port}${endpoint}`,
    port,
    httpServer,
    async stop() {
      if (retention) clearInterval(retention);
      await subscriptions?.close();
      await dispatcher?.stop();
      await relay?.stop();
      await hub?.stop();
      await apollo.stop();
      await store?.close();
    },
  };
}
