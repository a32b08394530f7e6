import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger, MembershipDirectory } from '@khg/platform';
import type { CallerAuthenticator } from './caller';
import { subgraphUrls, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { currentScope, reportError } from './error-report';
import { blockFieldSuggestions, type OperationGuard } from './limits';
import { responseCachePlugin, type ResponseCache } from './response-cache';
import { personalReadsPerReader } from './personal-reads';
import { safelistPlugin, trustedDocumentsCache, type Safelist } from './safelist';
import { enforceCustomScalars } from './scalars';
import { LocalSubgraphDataSource, SubgraphDataSource } from './subgraph-source';
import { variableCoercion } from './variables';
import type { EventServices } from './events/services';
import { buildSubscriptionSchema, type SubscriptionDeps } from './events/subscriptions';
import { buildWebhooksSchema } from './events/webhooks';
import { DOWNLOADS_SERVICE, downloadsSchema } from './downloads';
import { IMPORTS_SERVICE, buildImportsSchema } from './imports';
import type { ImportStore } from './imports/store';

export interface GraphQLServer {
  apollo: ApolloServer<GatewayContext>;
  /** the API schema plus the subscription API, once a supergraph has loaded (null until then, or when it could not be built) */
  schema(): GraphQLSchema | null;
}

export interface GraphQLServerParts {
  httpServer: Server;
  auth: CallerAuthenticator;
  directory: MembershipDirectory;
  guard: OperationGuard;
  safelist: Safelist | null;
  cache: ResponseCache | null;
  events: EventServices | null;
  /** APQ documents shared by the replicas (Redis); null: Apollo's in-memory cache per replica */
  apq: KeyValueCache<string> | null;
  imports: ImportStore | null;
}

/** How long a registered APQ document stays in Redis after its last registration. */
const APQ_TTL_S = 86_400;

/** Apollo Gateway over the supergraph (the remote subgraphs and the in-process webhooks one) and Apollo Server with its plugins. */
export function createGraphQLServer(config: GatewayConfig, log: Logger, p: GraphQLServerParts): GraphQLServer {
  const urls = subgraphUrls(config);
  const webhooks = new LocalSubgraphDataSource(buildWebhooksSchema(p.events?.store.pool ?? null), 'events', log);
  const downloads = new LocalSubgraphDataSource(downloadsSchema(config), DOWNLOADS_SERVICE, log);
  const share = config.SUBGRAPH_FETCH_SHARING === 'on';
  const imports = new LocalSubgraphDataSource(buildImportsSchema(p.imports), IMPORTS_SERVICE, log);
  const local: Record<string, LocalSubgraphDataSource> = { events: webhooks, [DOWNLOADS_SERVICE]: downloads, [IMPORTS_SERVICE]: imports };
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => local[name] ?? new SubgraphDataSource(name, urls[name] ?? url, config.SUBGRAPH_TIMEOUT_MS, share),
  });
  let combined: GraphQLSchema | null = null;
  const deps: Partial<SubscriptionDeps> = { store: p.events?.store, hub: p.events?.hub, auth: p.auth, directory: p.directory, log };
  // Registered before start: the gateway does not replay schema loads to late listeners.
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    p.cache?.clear();
    enforceCustomScalars(apiSchema);
    try {
      combined = p.events ? buildSubscriptionSchema(apiSchema, deps as SubscriptionDeps) : apiSchema;
    } catch (e) {
      // Keep serving queries; subscriptions answer with the reason until a good schema loads.
      log.error({ err: (e as Error).message }, 'could not build the subscription schema');
      combined = null;
    }
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Our stop() orders the shutdown (503s, subscriptions, drain, relay, pools); Apollo's own signal
    // handler raced it and re-raised the signal.
    stopOnTerminationSignals: false,
    introspection: true, // every operation needs a valid token, so introspection is for authenticated callers only
    // Apollo refuses "simple" requests, the kind a browser sends cross-site without a preflight (CORS is
    // cors.ts). A request with an Authorization header is never simple, and every operation needs a token.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: config.MAX_BATCH > 0,
    // Automatic persisted queries: Apollo Server's default in-memory cache (bounded LRU), or Redis
    // shared by the replicas (a hash registered through one is known to all), behind the safelist's
    // trusted documents when it has them (sent by hash alone; safelist.ts).
    persistedQueries: {
      ...(p.safelist ? { cache: trustedDocumentsCache(p.safelist, p.apq ?? undefined) } : p.apq ? { cache: p.apq } : {}),
      ...(p.apq ? { ttl: APQ_TTL_S } : {}),
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: p.httpServer, stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS }),
      ApolloServerPluginLandingPageDisabled(),
      variableCoercion(),
      p.guard.plugin(),
      ...blockFieldSuggestions(),
      ...(p.safelist ? [safelistPlugin(p.safelist)] : []),
      ...(p.cache ? [responseCachePlugin(p.cache), personalReadsPerReader(p.cache)] : []),
    ],
    // Errors are logged by cause; a server fault's answer carries the request id (error-report.ts).
    formatError: (formatted, error) => reportError(formatted, currentScope(), log, unwrapResolverError(error)),
  });
  deps.apollo = apollo;
  return { apollo, schema: () => combined };
}
