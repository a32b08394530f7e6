import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import type { PgBinaries } from './pg-binaries';

/**
 * The engines of the distributed mode, from Debian's packages (never downloaded by us): which are
 * there, how to install the missing ones, and how to start them on 127.0.0.1 for `npm run cluster`
 * and the tests that need them.
 */
export type Engine = 'nats-server' | 'redis-server' | 'haproxy' | 'postgresql';

const PACKAGE: Record<Engine, string> = { 'nats-server': 'nats-server', 'redis-server': 'redis-server', haproxy: 'haproxy', postgresql: 'postgresql' };
const DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/** Debian's PostgreSQL server binaries (the newest installed major), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0], 'bin') : null;
}

/** Debian's PostgreSQL as startEmbeddedPostgres takes it (`systemBinaries`), or null. */
export function debianPostgres(): PgBinaries | null {
  const bin = postgresBinDir();
  if (!bin) return null;
  const major = Number(bin.split('/').slice(-2)[0]);
  return { native: dirname(bin), version: `${major} (Debian)`, major };
}

/** The executable of an engine, or null when its package is not installed. */
export function enginePath(e: Engine): string | null {
  if (e === 'postgresql') {
    const dir = postgresBinDir();
    return dir && join(dir, 'postgres');
  }
  const dirs = [...DIRS, ...(process.env.PATH ?? '').split(':')];
  for (const d of dirs) if (d && existsSync(join(d, e))) return join(d, e);
  return null;
}

/** Null when every engine is there; else a sentence naming what is missing and the command that installs it. */
export function missingEngines(engines: readonly Engine[]): string | null {
  const missing = engines.filter((e) => !enginePath(e));
  if (!missing.length) return null;
  return `missing: ${missing.join(', ')}. Install with: apt-get install -y ${missing.map((m) => PACKAGE[m]).join(' ')}`;
}

export interface RunningEngine {
  name: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM, then waits for the exit */
  stop(): Promise<void>;
  /** SIGKILL: the crash a fault test makes */
  kill(): Promise<void>;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, child: ChildProcess, name: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it listened on ${port}; see its log`);
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.end();
        r(true);
      });
      s.on('error', () => r(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on ${port} within ${timeoutMs} ms`);
}

/** Spawns an engine with its output appended to `logFile`, and waits until it listens on `port`. */
export async function startEngine(name: string, exe: string, args: string[], port: number, logFile: string): Promise<RunningEngine> {
  const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  const engine: RunningEngine = { name, port, child, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
  try {
    await waitForPort(port, child, name);
  } catch (e) {
    await engine.kill();
    throw e;
  }
  return engine;
}

export interface NatsNode {
  name: string;
  port: number;
  /** cluster (route) port; omit for a single server */
  clusterPort?: number;
}

/**
 * JetStream servers: one alone, or a cluster whose nodes route to each other (`nodes` of length 3
 * for the distributed mode). Each keeps its stream data under `dir/<name>`.
 */
export async function startNats(nodes: readonly NatsNode[], dir: string, logFile: string): Promise<RunningEngine[]> {
  const exe = enginePath('nats-server');
  if (!exe) throw new Error(missingEngines(['nats-server'])!);
  const routes = nodes.filter((n) => n.clusterPort).map((n) => `nats://127.0.0.1:${n.clusterPort}`);
  return Promise.all(
    nodes.map((n) => {
      const store = join(dir, n.name);
      mkdirSync(store, { recursive: true });
      const args = ['-a', '127.0.0.1', '-p', String(n.port), '-n', n.name, '-js', '-sd', store];
      if (n.clusterPort) args.push('--cluster_name', 'khg', '--cluster', `nats://127.0.0.1:${n.clusterPort}`, '--routes', routes.join(','));
      return startEngine(n.name, exe, args, n.port, logFile);
    }),
  );
}
