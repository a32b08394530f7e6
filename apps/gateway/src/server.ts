import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { BodyTooLargeError, readJsonBody, runApollo, sendJson, type Logger } from '@khg/platform';
import { CallerAuthenticator, type GatewayContext } from './caller';
import { subgraphUrls, type GatewayConfig } from './config';
import { subgraphHealth } from './health';
import { enforceCustomScalars } from './scalars';
import { introspect, introspectionOnly } from './introspection';
import { LimitError, OperationGuard, blockFieldSuggestions, limitError, maskSuggestions } from './limits';
import { RateLimiter, parseRateLimits, rateLimited } from './rate-limit';
import { loadSafelist, safelistPlugin } from './safelist';
import { EventStore } from './events/store';
import { OutboxRelay } from './events/relay';
import { EventHub } from './events/hub';
import { buildSubscriptionSchema, serveSubscriptions, type SubscriptionDeps } from './events/subscriptions';
import { WebhookDispatcher, buildWebhooksSchema } from './events/webhooks';
import { MembershipDirectory, serviceOfSource } from '@khg/platform';
import type { GraphQLSchema } from 'graphql';
import { LocalSubgraphDataSource, SubgraphDataSource, sharingStats } from './subgraph-source';
import { ResponseCache, responseCachePlugin } from './response-cache';
import { PLAYGROUND_CSP, playgroundPage, servePlaygroundAsset, wantsPlayground } from './playground';

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  const urls = subgraphUrls(config);
  const store = config.DATABASE_URL ? new EventStore(config.DATABASE_URL, log) : null;
  const webhooks = new LocalSubgraphDataSource(buildWebhooksSchema(store), 'events');
  const share = config.SUBGRAPH_FETCH_SHARING === 'on';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => (name === 'events' ? webhooks : new SubgraphDataSource(name, urls[name] ?? url, config.SUBGRAPH_TIMEOUT_MS, share)),
  });
  const httpServer = createServer();
  const auth = new CallerAuthenticator(config.JWT_SECRET, config.INTERNAL_SECRET);
  const directory = new MembershipDirectory(config.MEMBERSHIP_URL, config.INTERNAL_SECRET, 'gateway');
  const hub = store ? new EventHub(store, config.DATABASE_URL!, log, config.EVENT_POLL_MS) : null;
  const relay = store ? new OutboxRelay(store, config.DATABASE_URL!, directory, log, config.EVENT_POLL_MS, config.manifest.map((m) => m.dbSchema)) : null;
  if (!store) log.warn('DATABASE_URL is not set: subscriptions, webhooks and the response cache are off');
  // Without the event log, writes through other replicas could not invalidate it.
  const cache = hub && config.RESPONSE_CACHE_MB > 0 ? new ResponseCache({ maxBytes: config.RESPONSE_CACHE_MB * 1024 * 1024, ttlMs: config.RESPONSE_CACHE_TTL_S * 1000 }) : null;
  let combined: GraphQLSchema | null = null;
  const deps: Partial<SubscriptionDeps> = { store: store ?? undefined, hub: hub ?? undefined, auth, directory, log };
  // Registered before start: the gateway does not replay schema loads to late listeners.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    cache?.clear();
    enforceCustomScalars(apiSchema);
    try {
      combined = store ? buildSubscriptionSchema(apiSchema, deps as SubscriptionDeps) : apiSchema;
    } catch (e) {
      // Keep serving queries; subscriptions answer with the reason until a good schema loads.
      log.error({ err: (e as Error).message }, 'could not build the subscription schema');
      combined = null;
    }
  });
  const guard = new OperationGuard({
    maxDepth: config.MAX_DEPTH, maxAliases: config.MAX_ALIASES, maxDirectives: config.MAX_DIRECTIVES, maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST, maxFirst: config.MAX_FIRST, defaultListSize: config.DEFAULT_LIST_SIZE, maxBatch: config.MAX_BATCH,
  });
  const bucket = (v: string) => ({ rate: Number(v.split('/')[0]), burst: Number(v.split('/')[1]) });
  const limiter = new RateLimiter(parseRateLimits(config.RATE_LIMITS), { perCaller: bucket(config.RATE_LIMIT_CALLER), perRole: bucket(config.RATE_LIMIT_ROLE) });
  const safelist = loadSafelist(config.SAFELIST_PATH, config.SAFELIST_ROLES);
  let draining = false;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Our stop() orders the shutdown (503s, subscriptions, drain, relay, pools); Apollo's own signal
    // handler raced it and re-raised the signal.
    stopOnTerminationSignals: false,
    introspection: true, // every operation needs a valid token, so introspection is for authenticated callers only
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: config.MAX_BATCH > 0,
    // Automatic persisted queries: Apollo Server's default in-memory cache (bounded LRU).
    persistedQueries: {},
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS }), ApolloServerPluginLandingPageDisabled(),
      guard.plugin(), ...blockFieldSuggestions(), ...(safelist ? [safelistPlugin(safelist)] : []), ...(cache ? [responseCachePlugin(cache)] : []),
    ],
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
  hub?.listen((rows) => cache?.invalidate(new Set(rows.map((r) => serviceOfSource(config.manifest, r.source)))));
  const endpoint = '/graphql';
  const subscriptions = store ? serveSubscriptions(httpServer, endpoint, () => combined!, auth, log, guard) : null;
  const retention = store ? setInterval(() => {
    store.applyRetention(config.EVENT_RETENTION_DAYS).catch((e: Error) => log.warn({ err: e.message }, 'event retention failed'));
  }, 3_600_000) : null;

  httpServer.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health/live') return sendJson(res, 200, { status: 'ok', service: 'gateway' });
    if (path === '/health/ready') {
      if (draining) return sendJson(res, 503, { status: 'stopping' });
      subgraphHealth(urls).then((subgraphs) => {
        const degraded = Object.entries(subgraphs).filter(([, s]) => s === 'down').map(([n]) => n);
        sendJson(res, degraded.length ? 503 : 200, { status: degraded.length ? 'degraded' : 'ready', subgraphs, degraded });
      }, (e: Error) => sendJson(res, 503, { status: 'unavailable', reason: e.message }));
      return;
    }
    if (path === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(gatewayMetrics(cache));
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
    if (draining) {
      res.setHeader('connection', 'close');
      return sendJson(res, 503, { errors: [{ message: 'The gateway is shutting down; retry on another replica', extensions: { code: 'SHUTTING_DOWN', retryable: true } }] });
    }
    readJsonBody(req, config.BODY_LIMIT_BYTES)
      .then(async (body) => {
        // Cheap limits first: they bound the work anything after them does.
        const ops = (Array.isArray(body) ? body : [body]) as ({ query?: unknown; variables?: Record<string, unknown>; operationName?: string } | undefined)[];
        if (Array.isArray(body) && ops.length > config.MAX_BATCH) {
          throw config.MAX_BATCH === 0
            ? new LimitError('batch', 0, `Batched requests are off: send one operation per request (the batch limit is 0, found ${ops.length})`, ops.length)
            : limitError('batch', config.MAX_BATCH, ops.length);
        }
        for (const op of ops) guard.checkTokens(op?.query);
        let who: Awaited<ReturnType<CallerAuthenticator['authenticate']>> | null = null;
        try { who = await auth.authenticate(req.headers.authorization); } catch { who = null; }
        const wait = limiter.take(who?.caller.sub ?? `ip:${req.socket.remoteAddress}`, who?.caller.role ?? 'ANONYMOUS', Date.now());
        if (wait > 0) {
          const err = rateLimited(wait, who?.caller.role ?? 'ANONYMOUS');
          res.setHeader('retry-after', String(wait));
          return sendJson(res, 429, { errors: [{ message: err.message, extensions: err.extensions }] });
        }
        const b = body as { query?: unknown; variables?: Record<string, unknown>; operationName?: string } | undefined;
        const doc = req.method === 'POST' && combined && !Array.isArray(body) ? introspectionOnly(b?.query, b?.operationName) : null;
        if (!doc) {
          // Only JSON POSTs: Apollo's CSRF prevention, which a cached answer skips, refuses nothing else.
          const ticket = cache && who && b && !Array.isArray(body) && req.method === 'POST' && /^application\/json/i.test(req.headers['content-type'] ?? '')
            ? cache.ticket(b, who.caller) : null;
          const hit = ticket && cache!.get(ticket.key);
          if (hit) {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-khg-cache': 'hit' });
            return res.end(hit);
          }
          return runApollo(apollo, req, res, body, async () => ({ ...(await auth.context(req)), touched: new Set<string>(), ...(ticket ? { cacheTicket: ticket } : {}) }));
        }
        if (!who) {
          try {
            await auth.authenticate(req.headers.authorization);
          } catch (e) {
            return sendJson(res, 401, { errors: [{ message: (e as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
          }
        }
        // Schema introspection is answered locally (no subgraph, bounded by the schema's size) and
        // only for authenticated callers: the depth and cost limits, which Playground's and codegen's
        // standard introspection query exceeds, do not apply to it; the token limit already did.
        if (!/__schema|__type\b/.test(String(b?.query))) guard.check(combined!, doc, b?.variables, b?.operationName);
        const result = introspect(combined!, doc, b?.variables, b?.operationName);
        sendJson(res, 200, { ...result, ...(result.errors ? { errors: result.errors.map((e) => ({ ...e.toJSON(), message: maskSuggestions(e.message) })) } : {}) });
      })
      .catch((e: Error) => {
        if (res.headersSent) return res.end();
        if (e instanceof LimitError) {
          const { http: _http, ...extensions } = e.extensions as Record<string, unknown>;
          return sendJson(res, 400, { errors: [{ message: e.message, extensions }] });
        }
        if (e instanceof BodyTooLargeError) {
          return sendJson(res, 413, { errors: [{ message: e.message, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: config.BODY_LIMIT_BYTES } }] });
        }
        if (e instanceof SyntaxError) return sendJson(res, 400, { errors: [{ message: `The body is not valid JSON: ${e.message}`, extensions: { code: 'BAD_REQUEST' } }] });
        log.error({ err: { message: e.message, name: e.name } }, 'request failed');
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
      // New requests are refused (503 SHUTTING_DOWN, readiness fails); subscribers are told to
      // reconnect (1012); then Apollo's drain closes the listener and waits for in-flight requests.
      draining = true;
      if (retention) clearInterval(retention);
      await subscriptions?.close();
      await apollo.stop();
      await dispatcher?.stop();
      await relay?.stop();
      await hub?.stop();
      await store?.close();
    },
  };
}

function gatewayMetrics(cache: ResponseCache | null): string {
  const lines = [
    `# TYPE khg_subgraph_fetches_total counter`, `khg_subgraph_fetches_total ${sharingStats.fetches}`,
    `# TYPE khg_subgraph_fetches_shared_total counter`, `khg_subgraph_fetches_shared_total ${sharingStats.shared}`,
    `# TYPE process_resident_memory_bytes gauge`, `process_resident_memory_bytes ${process.memoryUsage().rss}`,
  ];
  if (cache) {
    const { hits, misses, stored, staleOnArrival, invalidations } = cache.stats;
    lines.push(
      `# TYPE khg_response_cache_hits_total counter`, `khg_response_cache_hits_total ${hits}`,
      `# TYPE khg_response_cache_misses_total counter`, `khg_response_cache_misses_total ${misses}`,
      `# TYPE khg_response_cache_stored_total counter`, `khg_response_cache_stored_total ${stored}`,
      `# TYPE khg_response_cache_stale_on_arrival_total counter`, `khg_response_cache_stale_on_arrival_total ${staleOnArrival}`,
      `# TYPE khg_response_cache_invalidations_total counter`, `khg_response_cache_invalidations_total ${invalidations}`,
      `# TYPE khg_response_cache_entries gauge`, `khg_response_cache_entries ${cache.size.entries}`,
      `# TYPE khg_response_cache_bytes gauge`, `khg_response_cache_bytes ${cache.size.bytes}`,
    );
  }
  return lines.join('\n') + '\n';
}
