import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SUBGRAPHS, freePort, startEmbeddedPostgres, startPlatform, type RunningDatabase, type RunningPlatform } from '@khg/stack';
import { STATE_ENV, type TestState } from './state';

const PREFIX = 'khg-test-';
const OWNER_FILE = 'owner.pid';

declare global {
  // eslint-disable-next-line no-var
  var __khgTest: { db: RunningDatabase; platform: RunningPlatform; dir: string } | undefined;
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** A killed earlier run leaves its postgres and directory behind: end them (only ours, by marker). */
function reapLeftovers(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
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
 * Boots a real platform for one jest project: a fresh embedded PostgreSQL, the four subgraphs and
 * the gateway as processes on free ports. Tests talk to it over HTTP and WebSocket only.
 */
export default async function globalSetup(): Promise<void> {
  reapLeftovers();
  // 0700; as root, startEmbeddedPostgres places the data where the postgres account can reach it
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  const logFile = join(dir, 'platform.log');
  const db = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), persistent: false });
  const jwtSecret = randomBytes(24).toString('hex');
  const internalSecret = randomBytes(24).toString('hex');
  const ports: Record<string, number> = {};
  for (const s of SUBGRAPHS) ports[s.name] = await freePort();
  let platform: RunningPlatform;
  try {
    platform = await startPlatform({
      databaseUrl: db.url,
      gatewayPort: await freePort(),
      subgraphPorts: ports,
      env: { ...process.env, JWT_SECRET: jwtSecret, INTERNAL_SECRET: internalSecret, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', SEED_DEMO: 'false', NODE_ENV: 'test', EVENT_POLL_MS: '200', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_FAILURES: '4' },
      output: logFile,
    });
  } catch (e) {
    await db.stop();
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
    throw new Error(`The test platform did not start: ${(e as Error).message}\n${log}`);
  }
  const state: TestState = {
    gatewayUrl: `${platform.gateway.url}/graphql`,
    databaseUrl: db.url,
    subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([n, s]) => [n, s.url])),
    jwtSecret, internalSecret, logFile,
    env: {
      DATABASE_URL: db.url, JWT_SECRET: jwtSecret, INTERNAL_SECRET: internalSecret, LOG_LEVEL: 'warn', NODE_ENV: 'test', EVENT_POLL_MS: '200', WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_MAX_FAILURES: '4',
      ...Object.fromEntries(SUBGRAPHS.map((s) => [s.urlEnv!, `${platform.subgraphs[s.name].url}/graphql`])),
    },
  };
  const stateFile = join(dir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state));
  process.env[STATE_ENV] = stateFile;
  globalThis.__khgTest = { db, platform, dir };
}
