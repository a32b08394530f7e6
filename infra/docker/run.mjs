#!/usr/bin/env node
// The image's entry point: one image, the process chosen by its argument —
//   gateway | <a subgraph of the manifest> | migrate (every subgraph's migrations, then exit).
// Subgraphs come from the manifest (packages/platform/src/manifest.ts), so a new one needs no edit here.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');
const { loadManifest, envPrefix, fromRoot, serviceNodeOptions } = createRequire(import.meta.url)(resolve(root, 'packages/platform/dist/manifest.js'));
const manifest = loadManifest();
const what = process.argv[2];

/** Node's options for the service (KHG_HEAP_MB); a bad value ends here with one line saying so. */
function heapOptions() {
  try {
    return serviceNodeOptions(process.env);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
}

/** Runs one process in the foreground, handing it our signals; resolves with its exit code. */
function run(entry, env = process.env, nodeOptions = []) {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--enable-source-maps', ...nodeOptions, fromRoot(root, entry)], { stdio: 'inherit', env });
    for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (what === 'gateway') {
  process.exit(await run('apps/gateway/dist/index.js', process.env, heapOptions()));
} else if (what === 'migrate') {
  // Membership first (the manifest's order), each as its own role: <NAME>_DATABASE_URL, else DATABASE_URL.
  for (const m of manifest) {
    const url = process.env[`${envPrefix(m.name)}_DATABASE_URL`] ?? process.env.DATABASE_URL;
    if (!url) {
      console.error(`migrate: set ${envPrefix(m.name)}_DATABASE_URL (or DATABASE_URL) for ${m.name}`);
      process.exit(1);
    }
    console.log(`migrate: ${m.name}`);
    const code = await run(m.entry, { ...process.env, DATABASE_URL: url, DB_MIGRATE: 'only', DB_SEARCH_PATH: process.env.DB_SEARCH_PATH ?? 'role' });
    if (code !== 0) process.exit(code);
  }
} else {
  const entry = manifest.find((m) => m.name === what);
  if (!entry) {
    console.error(`usage: <gateway | migrate | ${manifest.map((m) => m.name).join(' | ')}> (got ${what ?? 'nothing'})`);
    process.exit(2);
  }
  process.exit(await run(entry.entry, process.env, heapOptions()));
}
