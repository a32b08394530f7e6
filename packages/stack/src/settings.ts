import { join } from 'node:path';
import { loadConfig, loadManifest, port, secret, z } from '@khg/platform';
import { ROOT } from './services';

/** The settings of `npm start` (see the configuration table in the README). */
export function loadStartSettings(env: NodeJS.ProcessEnv = process.env) {
  const manifest = loadManifest(env);
  // One `<NAME>_PORT` per subgraph of the manifest, validated with the rest.
  const portShape = Object.fromEntries(manifest.map((m) => [m.portVariable, port(m.port)]));
  const settings = loadSettings(env, portShape);
  const values = settings as unknown as Record<string, number>;
  return { ...settings, manifest, subgraphPorts: Object.fromEntries(manifest.map((m) => [m.name, values[m.portVariable]])) as Record<string, number> };
}

function loadSettings(env: NodeJS.ProcessEnv, portShape: Record<string, ReturnType<typeof port>>) {
  return loadConfig(
    'npm start',
    {
      ...portShape,
      PORT: port(4000),
      DATABASE_URL: z.string().url('DATABASE_URL must be a postgres:// URL').optional(),
      EMBEDDED_PG_PORT: port(54329),
      DATA_DIR: z.string().default(join(ROOT, '.data')),
      JWT_SECRET: secret('JWT_SECRET'),
      INTERNAL_SECRET: secret('INTERNAL_SECRET'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
      SEED_DEMO: z.enum(['true', 'false']).default('true'),
    },
    env,
  );
}
