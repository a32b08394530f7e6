import { join } from 'node:path';
import { boolFlag, loadConfig, loadManifest, manifestEntry, port, secret, z, type SubgraphManifestEntry } from '@khg/platform';
import { trustedProxiesProblem } from './client-address';
import { ORIGIN_ENTRY } from './cors';
import type { OidcSettings } from './identity';
import { parseDataKey } from './events/secret-box';

const url = (name: string, fallback: string) => z.string().url(`${name} must be an http(s) URL of the subgraph's /graphql`).default(fallback);
const defaultUrl = (m: SubgraphManifestEntry) => `http://127.0.0.1:${m.port}/graphql`;

/** The gateway's settings, validated at start (see the README's configuration table). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const manifest = loadManifest(env);
  // One `<NAME>_URL` per subgraph of the manifest, validated with the rest.
  const urlShape = Object.fromEntries(manifest.map((m) => [m.urlVariable, url(m.urlVariable, defaultUrl(m))]));
  const config = loadGatewaySettings(env, urlShape);
  const values = config as unknown as Record<string, string>;
  const identity = identitySettings(config);
  return { ...config, ...identity, manifest, subgraphUrls: Object.fromEntries(manifest.map((m) => [m.name, values[m.urlVariable]])) as Record<string, string> };
}

/**
 * Who may issue user tokens: an OpenID Connect provider (OIDC_ISSUER or JWKS_URL, with OIDC_AUDIENCE)
 * and/or HS256 with JWT_SECRET. Outside production JWT_SECRET has its development default, so
 * `npm start` and `npm run token` work as they are; production refuses to start with neither.
 */
export function identitySettings(
  c: Pick<
    ReturnType<typeof loadGatewaySettings>,
    | 'JWT_SECRET'
    | 'NODE_ENV'
    | 'OIDC_ISSUER'
    | 'JWKS_URL'
    | 'OIDC_AUDIENCE'
    | 'OIDC_ROLE_CLAIM'
    | 'OIDC_ORG_CLAIM'
    | 'OIDC_MEMBER_CLAIM'
    | 'OIDC_ALGORITHMS'
    | 'JWKS_COOLDOWN_MS'
    | 'JWKS_CACHE_MAX_AGE_MS'
    | 'JWKS_TIMEOUT_MS'
    | 'OIDC_CLOCK_TOLERANCE_S'
  >,
) {
  const problems: string[] = [];
  const production = c.NODE_ENV === 'production';
  const provider = !!(c.OIDC_ISSUER || c.JWKS_URL);
  if (provider && !c.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE: set it to the audience (client id) your identity provider puts in tokens for this platform');
  if (!provider && c.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE is set but neither OIDC_ISSUER nor JWKS_URL is: name the identity provider');
  if (production && !provider && !c.JWT_SECRET) {
    problems.push(
      'JWT_SECRET or OIDC_ISSUER: production (NODE_ENV=production) needs an identity provider (OIDC_ISSUER or JWKS_URL, and OIDC_AUDIENCE) or a JWT_SECRET',
    );
  }
  const algorithms = c.OIDC_ALGORITHMS.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = algorithms.filter((a) => !/^(RS|PS|ES)(256|384|512)$|^EdDSA$/.test(a));
  if (bad.length) problems.push(`OIDC_ALGORITHMS: ${bad.join(', ')} not accepted (asymmetric algorithms only, e.g. RS256,ES256)`);
  if (problems.length) {
    process.stderr.write(`gateway: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const oidc: OidcSettings | null = provider
    ? {
        ...(c.OIDC_ISSUER ? { issuer: c.OIDC_ISSUER } : {}),
        ...(c.JWKS_URL ? { jwksUrl: c.JWKS_URL } : {}),
        audience: c.OIDC_AUDIENCE!,
        claims: { role: c.OIDC_ROLE_CLAIM, org: c.OIDC_ORG_CLAIM, member: c.OIDC_MEMBER_CLAIM },
        algorithms,
        cooldownMs: c.JWKS_COOLDOWN_MS,
        cacheMaxAgeMs: c.JWKS_CACHE_MAX_AGE_MS,
        timeoutMs: c.JWKS_TIMEOUT_MS,
        clockToleranceS: c.OIDC_CLOCK_TOLERANCE_S,
      }
    : null;
  // Outside production the development secret stands in, as before; in production HS256 only when set.
  const jwtSecret = c.JWT_SECRET ?? (production ? undefined : secret('JWT_SECRET').parse(undefined));
  return { JWT_SECRET: jwtSecret, oidc };
}

function loadGatewaySettings(env: NodeJS.ProcessEnv, urlShape: Record<string, ReturnType<typeof url>>) {
  const credentials = ['true', '1'].includes(env.CORS_CREDENTIALS ?? '');
  return loadConfig(
    'gateway',
    {
      ...urlShape,
      PORT: port(4000),
      HOST: z.string().default('127.0.0.1'),
      /** HS256 secret of user tokens (the embedded default); optional in production when an identity provider is set */
      JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').optional(),
      /** OpenID Connect (docs/security.md): the provider's issuer (discovery document) or its JWKS directly */
      OIDC_ISSUER: z.string().url('OIDC_ISSUER must be the issuer URL, e.g. https://sso.example.vn/realms/khg').optional(),
      JWKS_URL: z.string().url('JWKS_URL must be an http(s) URL of a JSON Web Key Set').optional(),
      OIDC_AUDIENCE: z.string().min(1).optional(),
      /** dotted paths of the claims holding the role (a string or a list), the organisation and the member */
      OIDC_ROLE_CLAIM: z.string().min(1).default('realm_access.roles'),
      OIDC_ORG_CLAIM: z.string().min(1).default('khg_org'),
      OIDC_MEMBER_CLAIM: z.string().min(1).default('khg_member'),
      OIDC_ALGORITHMS: z.string().default('RS256,ES256'),
      /** no JWKS refetch sooner than this after the previous one; the key set is refetched once older than the max age */
      JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
      JWKS_CACHE_MAX_AGE_MS: z.coerce.number().int().min(1000).default(600_000),
      JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
      /** seals webhook signing secrets at rest (AES-256-GCM): 32 bytes, base64 or hex; unset: derived from INTERNAL_SECRET */
      DATA_KEY: z
        .string()
        .optional()
        .refine(
          (v) => v === undefined || parseDataKey(v) !== null,
          'DATA_KEY must be 32 bytes, base64 (44 characters) or hex (64 characters), e.g. from `openssl rand -base64 32`',
        ),
      /** earlier data keys, comma-separated: they only open, until `npm run rotate-data-key` has re-sealed everything */
      DATA_KEYS_PREVIOUS: z
        .string()
        .optional()
        .refine(
          (v) =>
            v === undefined ||
            v
              .split(',')
              .filter((k) => k.trim())
              .every((k) => parseDataKey(k) !== null),
          'DATA_KEYS_PREVIOUS must list 32-byte keys (base64 or hex), comma-separated',
        ),
      OIDC_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(5),
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
      /** Redis (or Valkey) shared by the gateway replicas for rate limits and APQ; unset: each replica's memory */
      REDIS_URL: z
        .string()
        .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://redis:6379')
        .optional(),
      /** proxies whose X-Forwarded-For is believed (addresses, CIDRs, loopback/linklocal/uniquelocal); none by default */
      TRUSTED_PROXIES: z
        .string()
        .default('')
        .superRefine((v, ctx) => {
          const problem = trustedProxiesProblem(v);
          if (problem) ctx.addIssue({ code: 'custom', message: `TRUSTED_PROXIES must list addresses or CIDRs, comma-separated (${problem})` });
        }),
      /** a JSON array of operation texts; roles in SAFELIST_ROLES may run only these */
      SAFELIST_PATH: z.string().optional(),
      SAFELIST_ROLES: z.string().default(''),
      /** how long SIGTERM waits for in-flight requests before closing them */
      SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
      DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
      EVENT_POLL_MS: z.coerce.number().int().min(50).default(1000),
      /** where the relay reads the outboxes: logical replication, snapshot polling, or auto (logical when the database allows it) */
      EVENT_RELAY: z.enum(['auto', 'logical', 'snapshot']).default('auto'),
      /** how long a silent relay leader keeps the replication slot before another replica takes over */
      EVENT_LEADER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(5000),
      /** the distributed mode: NATS servers (nats://host:port, comma-separated) whose JetStream carries events to every replica */
      EVENT_BUS: z
        .string()
        .regex(/^nats:\/\/[^,\s]+(,\s*nats:\/\/[^,\s]+)*$/, 'EVENT_BUS must be nats://host:port, or several separated by commas')
        .optional(),
      /** copies of the event stream across the JetStream cluster */
      EVENT_BUS_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
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
      /** HMAC key of download links (Query.export); unset: derived from INTERNAL_SECRET */
      DOWNLOAD_SECRET: z.string().min(16, 'DOWNLOAD_SECRET must be at least 16 characters').optional(),
      /** how long a download link stays valid */
      DOWNLOAD_TTL_S: z.coerce.number().int().min(10).max(86_400).default(600),
      /** the gateway's address as browsers reach it, for download links (unset: http://HOST:PORT) */
      PUBLIC_URL: z.string().url('PUBLIC_URL must be an http(s) URL').optional(),
    },
    env,
  );
}
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** The subgraph name in the supergraph → the URL to reach it here. */
export function subgraphUrls(c: GatewayConfig): Record<string, string> {
  return c.subgraphUrls;
}
