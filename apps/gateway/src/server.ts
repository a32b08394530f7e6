import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MembershipDirectory, sendJson, serviceOfSource, type Logger } from '@khg/platform';
import { createGraphQLServer } from './apollo';
import { CallerAuthenticator } from './caller';
import { localIntrospection, operationLimits, rateLimit, responseCache, variablesAreObjects } from './checks';
import { subgraphUrls, type GatewayConfig } from './config';
import { isConsole, serveConsole } from './console';
import { CorsPolicy, corsSettings } from './cors';
import { serveReadiness } from './health';
import { Lifecycle } from './lifecycle';
import { OperationGuard } from './limits';
import { serveMetrics } from './metrics';
import { graphqlPipeline } from './pipeline';
import { servePlaygroundAsset, servePlaygroundPage, wantsPlayground } from './playground';
import { RateLimiter, parseRateLimits, type Limiter } from './rate-limit';
import { SharedRateLimiter } from './rate-limit-shared';
import { connectRedis } from './redis';
import { apqCache } from './apq';
import { clientAddress } from './client-address';
import { ResponseCache } from './response-cache';
import { exactly, router, type Route } from './routes';
import { loadSafelist } from './safelist';
import { EventServices } from './events/services';
import { SSE_PATH, sseSubscriptions } from './events/sse';
import { serveSubscriptions } from './events/subscriptions';
import { downloadsRoute } from './downloads';
import { importStore, importsRoute } from './imports';

export interface RunningGateway {
  url: string;
  port: number;
  httpServer: Server;
  stop(): Promise<void>;
}

const ENDPOINT = '/graphql';

/** The composition root: builds the parts, starts them in order, serves the route table. */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  const httpServer = createServer();
  const auth = CallerAuthenticator.fromConfig(config);
  const directory = new MembershipDirectory(config.MEMBERSHIP_URL, config.INTERNAL_SECRET, 'gateway');
  const events = EventServices.create(config, directory, log);
  if (!events) log.warn('DATABASE_URL is not set: subscriptions, webhooks and the response cache are off');
  // Without the event log, writes through other replicas could not invalidate it.
  const cache =
    events && config.RESPONSE_CACHE_MB > 0
      ? new ResponseCache({ maxBytes: config.RESPONSE_CACHE_MB * 1024 * 1024, ttlMs: config.RESPONSE_CACHE_TTL_S * 1000 })
      : null;
  const guard = new OperationGuard({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_COST,
    maxFirst: config.MAX_FIRST,
    defaultListSize: config.DEFAULT_LIST_SIZE,
    maxBatch: config.MAX_BATCH,
  });
  const bucket = (v: string) => ({ rate: Number(v.split('/')[0]), burst: Number(v.split('/')[1]) });
  const limits = parseRateLimits(config.RATE_LIMITS);
  const fallback = { perCaller: bucket(config.RATE_LIMIT_CALLER), perRole: bucket(config.RATE_LIMIT_ROLE) };
  // With Redis the replicas share rate limits and APQ documents; without it each keeps its own.
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : null;
  const limiter: Limiter = redis ? new SharedRateLimiter(redis, limits, fallback) : new RateLimiter(limits, fallback);
  const safelist = loadSafelist(config.SAFELIST_PATH, config.SAFELIST_ROLES);
  const apq = redis ? apqCache(redis) : null;
  const imports = importStore(config, log);
  if (imports) {
    await imports.migrate();
    await imports.failInterrupted();
  }
  const graphql = createGraphQLServer(config, log, { httpServer, auth, directory, guard, safelist, cache, events, apq, imports });
  const lifecycle = new Lifecycle(graphql.apollo, events);
  const cors = new CorsPolicy(corsSettings(config));
  const sse = events ? sseSubscriptions({ schema: graphql.schema, auth, guard, log }) : null;

  await lifecycle.start(
    (rows) => cache?.invalidate(new Set(rows.map((r) => serviceOfSource(config.manifest, r.source)))),
    () => {
      if (!events) return null;
      const ws = serveSubscriptions(httpServer, ENDPOINT, () => graphql.schema()!, { auth, log, guard });
      return {
        close: async () => {
          sse?.close();
          await ws.close();
        },
      };
    },
  );

  const endpoint = graphqlPipeline({
    apollo: graphql.apollo,
    auth,
    bodyLimit: config.BODY_LIMIT_BYTES,
    draining: () => lifecycle.draining,
    log,
    checks: [
      variablesAreObjects,
      operationLimits(guard, config.MAX_BATCH),
      rateLimit(limiter, clientAddress(config.TRUSTED_PROXIES), log),
      localIntrospection(guard, graphql.schema),
      ...(cache ? [responseCache(cache)] : []),
    ],
  });
  const urls = subgraphUrls(config);
  const routes: Route[] = [
    { name: 'liveness', matches: exactly('/health/live'), handle: (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }) },
    { name: 'readiness', matches: exactly('/health/ready'), handle: (_req, res) => serveReadiness(res, urls, lifecycle.draining) },
    { name: 'metrics', matches: exactly('/metrics'), handle: (_req, res) => serveMetrics(res, cache) },
    {
      name: 'playground assets',
      matches: (path) => path.startsWith('/playground-assets/'),
      handle: (_req, res, path) => {
        if (!servePlaygroundAsset(path, res)) sendJson(res, 404, { error: 'not found' });
      },
    },
    { name: 'console', matches: isConsole, handle: serveConsole },
    {
      name: 'playground',
      matches: (path, req) => (path === ENDPOINT && wantsPlayground(req)) || path === '/playground',
      handle: (_req, res) => servePlaygroundPage(res, ENDPOINT),
    },
    // Browsers' preflights, before anything that wants a token or a body (cors.ts).
    {
      name: 'cors preflight',
      matches: (path, req) => req.method === 'OPTIONS' && (path === ENDPOINT || path === SSE_PATH),
      handle: cors.wrap(() => undefined),
    },
    { name: 'graphql', matches: exactly(ENDPOINT), handle: cors.wrap(endpoint) },
    {
      name: 'subscriptions over SSE',
      matches: exactly(SSE_PATH),
      handle: cors.wrap((req, res) => {
        if (!sse)
          return sendJson(res, 503, { errors: [{ message: 'Subscriptions need the event log (DATABASE_URL)', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        if (lifecycle.draining)
          return sendJson(res, 503, {
            errors: [{ message: 'The gateway is shutting down; retry on another replica', extensions: { code: 'SHUTTING_DOWN', retryable: true } }],
          });
        sse.handle(req, res);
      }),
    },
    downloadsRoute(config, graphql.apollo, log),
    importsRoute(config, imports, graphql.apollo, auth, log, (service) => cache?.invalidate(new Set([service]))),
  ];
  httpServer.on('request', router(routes, ENDPOINT));

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  log.info({ port }, 'gateway listening');
  const stop = async () => {
    await lifecycle.stop();
    await imports?.close();
    await redis?.close().catch(() => undefined);
  };
  return { url: `http://${config.HOST}:${port}${ENDPOINT}`, port, httpServer, stop };
}
