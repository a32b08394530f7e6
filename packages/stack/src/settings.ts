import { join } from 'node:path';
import { loadConfig, port, secret, z } from '@khg/platform';
import { ROOT } from './services';

/** The settings of `npm start` (see the configuration table in the README). */
export function loadStartSettings(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig('npm start', {
    PORT: port(4000),
    MEMBERSHIP_PORT: port(4001),
    FUNDRAISING_PORT: port(4002),
    LEARNING_MODELS_PORT: port(4003),
    INSPECTIONS_PORT: port(4004),
    DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
    EMBEDDED_PG_PORT: port(54329),
    DATA_DIR: z.string().default(join(ROOT, '.data')),
    JWT_SECRET: secret('JWT_SECRET'),
    INTERNAL_SECRET: secret('INTERNAL_SECRET'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
    SEED_DEMO: z.enum(['true', 'false']).default('true'),
  }, env);
}
