import { join } from 'node:path';
import { boolFlag, loadConfig, loadManifest, manifestEntry, port, secret, z, type SubgraphManifestEntry } from '@khg/platform';
import { ORIGIN_ENTRY } from './cors';

const url = (name: string, fallback: string) => z.string().url(`${name} must be an http(s) URL of the subgraph's /graphql`).default(fallback);
const defaultUrl = (m: SubgraphManifestEntry) => `http://127.0.0.1:${m.port}/graphql`;

/** The gateway's settings, validated at start (see the README's configuration table). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const manifest = loadManifest(env);
  // One `<NAME>_URL` per subgraph of the manifest, validated with the rest.
  const urlShape = Object.fromEntries(manifest.map((m) => [m.urlVariable, url(m.urlVariable, defaultUrl(m))]));
  const config = loadGatewaySettings(env, urlShape);
  const values = config as unknown as Record<string, string>;
  return { ...config, manifest, subgraphUrls: Object.fromEntries(manifest.map((m) => [m.name, values[m.urlVariable]])) as Record<string, string> };
}

function loadGatewaySettings(env: NodeJS.ProcessEnv, urlShape: Record<string, ReturnType<typeof url>>) {
  const credentials = ['true', '1'].includes(env.CORS_CREDENTIALS ?? '');
  return loadConfig(
    'gateway',
    {
      ...urlShape,
      PORT: port(4000),
      HOST: z.string().default('127.0.0.1'),
      JWT_SECRET: secret('JWT_SECRET'),
      INTERNAL_SECRET: secret('INTERNAL_SECRET'),
      /** where the membership directory is asked (membership's own URL unless set) */
      MEMBERSHIP_URL: url('MEMBERSHIP_URL', defaultUrl(manifestEntry('membership'))),
      SUPERGRAPH_PATH: z.string().default(join(__dirname, '..', 'supergraph.graphql')),
      BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
      // Operation limits (docs/security.md): refused with HTTP 400 and extensions.code OPERATION_LIMIT.
      MAX_DEPTH: z.coerce.number().int().min(2).default(12),
      MAX_ALIASES: z.coerce.number().int().min(0).default(30),
      MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
      MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
      MAX_COST: z.coerce.number().int().min(10).default(50_000),
      MAX_FIRST: z.coerce.number().int().min(1).default(500),
      DEFAULT_LIST_SIZE: z.coerce.number().int().min(1).default(20),
      /** operations per HTTP batch; 0 turns batching off */
      MAX_BATCH: z.coerce.number().int().min(0).max(100).default(0),
      /** requests per second / burst, per caller and per role: ROLE=rate/burst:rate/burst,… (others: the defaults below) */
      RATE_LIMITS: z.string().default(''),
      RATE_LIMIT_CALLER: z
        .string()
        .regex(/^\d+(\.\d+)?\/\d+$/)
        .default('50/200'),
      RATE_LIMIT_ROLE: z
        .string()
        .regex(/^\d+(\.\d+)?\/\d+$/)
        .default('500/2000'),
      /** a JSON array of operation texts; roles in SAFELIST_ROLES may run only these */
      SAFELIST_PATH: z.string().optional(),
      SAFELIST_ROLES: z.string().default(''),
      /** how long SIGTERM waits for in-flight requests before closing them */
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
      DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
      EVENT_POLL_MS: z.coerce.number().int().min(50).default(1000),
      WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1000),
      WEBHOOK_MAX_FAILURES: z.coerce.number().int().min(1).default(8),
      WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
      EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
      /** memory for whole query answers (docs/performance.md); 0 turns the response cache off */
      RESPONSE_CACHE_MB: z.coerce.number().int().min(0).default(64),
      /** the longest an answer is served from the cache when no event invalidates it first */
      RESPONSE_CACHE_TTL_S: z.coerce.number().int().min(1).default(60),
      /** identical read fetches in flight at once share one subgraph request */
      SUBGRAPH_FETCH_SHARING: z.enum(['on', 'off']).default('on'),
      /** browser origins allowed to call the gateway (cors.ts); unset: local dev servers outside production, none in production */
      CORS_ORIGINS: z
        .string()
        .optional()
        .refine(
          (v) =>
            v === undefined ||
            v
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean)
              .every((o) => ORIGIN_ENTRY.test(o)),
          'CORS_ORIGINS must be comma-separated origins such as https://app.example.vn (scheme://host[:port], no path), http://localhost:* for any port, or *',
        )
        .refine(
          (v) => !(credentials && v?.split(',').some((o) => o.trim() === '*')),
          'CORS_ORIGINS: * is refused while CORS_CREDENTIALS is on (any site could then call the gateway with the browser’s credentials); list the origins',
        ),
      /** let browsers send cookies / HTTP auth cross-origin (the bearer token needs none) */
      CORS_CREDENTIALS: boolFlag(false),
      NODE_ENV: z.string().default('development'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    },
    env,
  );
}
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The subgraph name in the supergraph → the URL to reach it here. */
export function subgraphUrls(c: GatewayConfig): Record<string, string> {
  return c.subgraphUrls;
}
