import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';

export interface RunningHive {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Hive Gateway (the npm `@graphql-hive/gateway` CLI, one process like ours) serving the same
 * supergraph, pointed at the same subgraphs. It has no notion of our user tokens: the harness
 * sends it the subgraphs' signed caller header, which it forwards as is.
 */
export async function startHive(o: {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  port: number;
  workDir: string;
  logFile: string;
}): Promise<RunningHive> {
  mkdirSync(o.workDir, { recursive: true });
  let sdl = readFileSync(o.supergraphPath, 'utf8');
  for (const [name, url] of Object.entries(o.subgraphUrls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  const supergraph = join(o.workDir, 'supergraph.graphql');
  writeFileSync(supergraph, sdl);
  writeFileSync(
    join(o.workDir, 'gateway.config.mjs'),
    `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) { return { 'x-khg-caller': request.headers.get('x-khg-caller') }; },
  },
  logging: 'error',
};
`,
  );
  const bin = require.resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, 'dist/bin.js');
  const child: ChildProcess = spawn(process.execPath, [bin, 'supergraph', supergraph, '--host', '127.0.0.1', '--port', String(o.port)], {
    cwd: o.workDir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = createWriteStream(o.logFile, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${o.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    out.end();
  };
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited (code ${child.exitCode}); see ${o.logFile}`);
    try {
      const res = await fetch(`${url}/readiness`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return { url: `${url}/graphql`, pid: child.pid, stop };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`Hive Gateway was not ready within 60 s; see ${o.logFile}`);
}
