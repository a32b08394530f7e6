import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fromRoot, serviceNodeOptions, loadManifest, type SubgraphManifestEntry } from '@khg/platform/manifest';

/** The repository root (this file is packages/stack/dist/services.js). */
export const ROOT = resolve(__dirname, '..', '..', '..');

export interface ServiceSpec {
  name: string;
  defaultPort: number;
  entry: string;
  urlEnv?: string;
}

/** The processes of the manifest's subgraphs. */
export const subgraphServices = (manifest: readonly SubgraphManifestEntry[]): ServiceSpec[] =>
  manifest.map((m) => ({ name: m.name, defaultPort: m.port, entry: m.entry, urlEnv: m.urlVariable }));

/** The subgraphs of the manifest in force (KHG_SUBGRAPH_MANIFEST, else the built-in one). */
export const SUBGRAPHS: ServiceSpec[] = subgraphServices(loadManifest());
export const GATEWAY: ServiceSpec = { name: 'gateway', defaultPort: 4000, entry: 'apps/gateway/dist/index.js' };

export interface RunningService {
  spec: ServiceSpec;
  port: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  /** starts it again on the same port (used by fault tests) */
  restart(): Promise<RunningService>;
}

export interface ServiceOptions {
  env: NodeJS.ProcessEnv;
  /** where the child's output goes: 'inherit' prefixes lines on our stdout; a path appends to a file */
  output: 'inherit' | string;
  readyTimeoutMs?: number;
}

function pipeOutput(child: ChildProcess, name: string, output: string): WriteStream | null {
  if (output === 'inherit') {
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => `[${name}] ${l}\n`)
        .join('');
    child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
    return null;
  }
  const file = createWriteStream(output, { flags: 'a' });
  child.stdout?.pipe(file);
  child.stderr?.pipe(file);
  return file;
}

async function waitReady(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < until) {
    if (exited !== null) throw new Error(`${name} exited with code ${exited} before it was ready (see its log)`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs} ms`);
}

/** Starts one of the platform's processes and waits for its /health/ready. */
export async function startService(spec: ServiceSpec, port: number, o: ServiceOptions): Promise<RunningService> {
  // KHG_CPU_PROF=<dir> writes a V8 CPU profile of every service when it stops (see docs/performance.md);
  // the port tells apart processes of one service (the bench's three gateways).
  const profile = o.env.KHG_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${o.env.KHG_CPU_PROF}`, `--cpu-prof-name=${spec.name}.${port}.${process.pid}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...serviceNodeOptions(o.env), ...profile, fromRoot(ROOT, spec.entry)], {
    cwd: ROOT,
    env: { ...o.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const file = pipeOutput(child, spec.name, o.output);
  const exit = new Promise<void>((r) => child.once('exit', () => r()));
  const service: RunningService = {
    spec,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), o.env.KHG_CPU_PROF ? 60_000 : 10_000);
        await exit;
        clearTimeout(timer);
      }
      file?.end();
    },
    restart: () => startService(spec, port, o),
  };
  try {
    // A deadline for a process that will never be ready, not a measure of speed: on a 2-core VM shared
    // by several test runs a subgraph's boot and migrations took over 60 s, and the run failed for it.
    await waitReady(`${service.url}/health/ready`, child, spec.name, o.readyTimeoutMs ?? 180_000);
  } catch (e) {
    await service.stop();
    throw e;
  }
  return service;
}

export interface PlatformOptions {
  databaseUrl: string;
  gatewayPort: number;
  subgraphPorts: Record<string, number>;
  env: NodeJS.ProcessEnv;
  output: 'inherit' | string;
  /** settings for one subgraph only, by name, over the rest (e.g. its own DATABASE_URL and role) */
  subgraphEnv?: Record<string, NodeJS.ProcessEnv>;
  /** how long each service may take to become ready (default a minute) */
  readyTimeoutMs?: number;
}

export interface RunningPlatform {
  gateway: RunningService;
  subgraphs: Record<string, RunningService>;
  stop(): Promise<void>;
}

/**
 * Starts the subgraphs of the manifest named by `o.env` (each migrates its own schema), then the
 * gateway in front of them. Every process gets the same environment, so all read one manifest.
 */
export async function startPlatform(o: PlatformOptions): Promise<RunningPlatform> {
  const specs = subgraphServices(loadManifest(o.env));
  const port = (spec: ServiceSpec) => o.subgraphPorts[spec.name] ?? spec.defaultPort;
  const urls = Object.fromEntries(specs.map((s) => [s.urlEnv!, `http://127.0.0.1:${port(s)}/graphql`]));
  const env = { ...o.env, ...urls, DATABASE_URL: o.databaseUrl };
  const subgraphs: Record<string, RunningService> = {};
  const started = await Promise.allSettled(
    specs.map(async (spec) => {
      subgraphs[spec.name] = await startService(spec, port(spec), {
        env: { ...env, ...o.subgraphEnv?.[spec.name] },
        output: o.output,
        readyTimeoutMs: o.readyTimeoutMs,
      });
    }),
  );
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    throw failed.reason;
  }
  const gateway = await startService(GATEWAY, o.gatewayPort, { env, output: o.output, readyTimeoutMs: o.readyTimeoutMs });
  const platform: RunningPlatform = {
    gateway,
    subgraphs,
    // Stops what runs now: a test may have replaced a process with its restart.
    async stop() {
      await platform.gateway.stop();
      await Promise.all(Object.values(platform.subgraphs).map((s) => s.stop()));
    },
  };
  return platform;
}
