import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadManifest } from '@khg/platform/manifest';
import { externalDatabase, startEmbeddedPostgres, type RunningDatabase } from './database';
import { freePort } from './ports';
import { startPlatform, type RunningPlatform } from './services';

export interface ThrowawayOptions {
  /** start of the temporary directory's name; also marks leftovers of killed runs to reap */
  prefix: string;
  /** settings for every process (secrets, ports and DATABASE_URL are added) */
  env?: NodeJS.ProcessEnv;
  /** 'inherit' prefixes the processes' lines on our stdout; otherwise they go to `<dir>/platform.log` */
  output?: 'inherit' | 'file';
  /** keeps the database's files (and fsync) across a stop, for startDatabaseAgain(); off by default, which is faster */
  restartableDatabase?: boolean;
  /** a running database to use instead of a fresh embedded one (it is left running at stop) */
  databaseUrl?: string;
}

export interface ThrowawayPlatform {
  dir: string;
  logFile: string;
  db: RunningDatabase;
  platform: RunningPlatform;
  /** the gateway's GraphQL endpoint */
  gatewayUrl: string;
  jwtSecret: string;
  internalSecret: string;
  /** the environment the platform's processes got (to start another process like them) */
  env: Record<string, string>;
  /** starts the database again on the same data and port after `db.stop()` (fault scenarios) */
  startDatabaseAgain(): Promise<RunningDatabase>;
  /** stops every process and the database, and removes the directory */
  stop(): Promise<void>;
}

const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A killed earlier run leaves its postgres and directory behind: end them (only ours, by marker). */
function reapLeftovers(prefix: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(tmpdir(), name);
    const owner = join(dir, OWNER_FILE);
    if (!existsSync(owner) || alive(Number(readFileSync(owner, 'utf8')))) continue;
    const pidFile = join(dir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A whole platform that lives as long as this process needs it: a fresh embedded PostgreSQL in a
 * temporary directory, the manifest's subgraphs and the gateway on free ports, random secrets.
 * The test platform, the fault table and the measuring scripts all boot through here.
 */
export async function startThrowawayPlatform(o: ThrowawayOptions): Promise<ThrowawayPlatform> {
  reapLeftovers(o.prefix);
  // 0700; as root, startEmbeddedPostgres places the data where the postgres account can reach it
  const dir = mkdtempSync(join(tmpdir(), o.prefix));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const logFile = join(dir, 'platform.log');
  const pgPort = await freePort();
  const startDb = async () =>
    o.databaseUrl ? externalDatabase(o.databaseUrl) : startEmbeddedPostgres({ dir: join(dir, 'pg'), port: pgPort, persistent: o.restartableDatabase ?? false });
  let db = await startDb();
  const jwtSecret = randomBytes(24).toString('hex');
  const internalSecret = randomBytes(24).toString('hex');
  const settings = { JWT_SECRET: jwtSecret, INTERNAL_SECRET: internalSecret, LOG_LEVEL: 'warn', ...o.env };
  const ports: Record<string, number> = {};
  for (const s of loadManifest({ ...process.env, ...settings })) ports[s.name] = await freePort();
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({
      databaseUrl: db.url,
      gatewayPort: await freePort(),
      subgraphPorts: ports,
      env: { ...process.env, ...settings },
      output: o.output === 'inherit' ? 'inherit' : logFile,
    });
  } catch (e) {
    await db.stop();
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
    throw new Error(`The platform did not start: ${(e as Error).message}\n${log}`, { cause: e });
  }
  const env: Record<string, string> = {
    ...Object.fromEntries(Object.entries(settings).filter((kv): kv is [string, string] => typeof kv[1] === 'string')),
    DATABASE_URL: db.url,
    ...Object.fromEntries(Object.values(platform.subgraphs).map((s) => [s.spec.urlEnv!, `${s.url}/graphql`])),
  };
  return {
    dir,
    logFile,
    platform,
    jwtSecret,
    internalSecret,
    env,
    get db() {
      return db;
    },
    gatewayUrl: `${platform.gateway.url}/graphql`,
    async startDatabaseAgain() {
      if (!o.restartableDatabase) throw new Error('startDatabaseAgain() needs startThrowawayPlatform({ restartableDatabase: true })');
      db = await startDb();
      return db;
    },
    async stop() {
      await platform.stop();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
