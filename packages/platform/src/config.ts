import { z } from 'zod';

/**
 * Reads and validates a process's settings from the environment. Every problem is listed at
 * once and the process exits 1, so a wrong setting never surfaces later as an odd failure.
 */
export function loadConfig<S extends z.ZodRawShape>(name: string, shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const result = z.object(shape).safeParse(env);
  const problems = result.success ? productionSecretProblems(result.data, env) : result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  if (result.success && problems.length === 0) return result.data;
  process.stderr.write(`${name}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

const DEV_SECRET = 'khg-local-development-secret-change-me';

/** A secret with a development default that production must replace (checked by loadConfig against its env). */
export const secret = (what: string) => z.string().min(16, `${what} must be at least 16 characters`).default(DEV_SECRET);

/** The settings still holding the development secret when the given environment is production. */
export function productionSecretProblems(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return Object.entries(values)
    .filter(([, v]) => v === DEV_SECRET)
    .map(([k]) => `${k}: ${k} must be set in production (NODE_ENV=production)`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const boolFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** The settings every subgraph shares. Each subgraph adds its own port default. */
export const subgraphConfigShape = (defaultPort: number) => ({
  PORT: port(defaultPort),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** `connection`: search_path as a startup option (a shared role); `role`: the subgraph's own role's default (PgBouncer) */
  DB_SEARCH_PATH: z.enum(['connection', 'role']).default('connection'),
  /** `start`: migrate at start; `only`: migrate and exit; `skip`: a migration job did it (refuse to start otherwise) */
  DB_MIGRATE: z.enum(['start', 'only', 'skip']).default('start'),
  INTERNAL_SECRET: secret('INTERNAL_SECRET'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: boolFlag(false),
  /** where other subgraphs ask membership about areas and organisations */
  MEMBERSHIP_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  NODE_ENV: z.string().default('development'),
});

export type SubgraphConfig = z.infer<z.ZodObject<ReturnType<typeof subgraphConfigShape>>>;
export { z };
