#!/usr/bin/env node
// Runs integration test files again and again to hunt a flaky test:
//   npm run test:repeat -- apps/gateway/test/events.test.ts --times 20
//   npm run test:repeat -- apps/gateway/test/events.test.ts apps/gateway/test/webhooks.test.ts --times 20
// Each run is a fresh jest process with its own throw-away platform; several files of one package
// share a run (one platform boot per repetition, so 20 runs fit a loaded machine). Stops at the
// first failure (its output is printed) unless --keep-going. Build first (npm run build).
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { times: { type: 'string', default: '20' }, 'keep-going': { type: 'boolean', default: false } },
});
const times = Number(values.times);
if (positionals.length < 1 || !Number.isInteger(times) || times < 1) {
  console.error('usage: npm run test:repeat -- <app>/test/<file>.test.ts [more files of the same app] [--times N] [--keep-going]');
  process.exit(2);
}
const packageOf = (file) => {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
};
const files = positionals.map((f) => resolve(f));
const app = packageOf(files[0]);
const elsewhere = files.filter((f) => packageOf(f) !== app);
if (elsewhere.length) {
  console.error(`all files must belong to ${relative(process.cwd(), app) || '.'}; not: ${elsewhere.map((f) => relative(process.cwd(), f)).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (let i = 1; i <= times; i++) {
  const started = Date.now();
  // --runTestsByPath: the names are files, not patterns (events.test.ts would also match events-subgraphs.test.ts).
  const r = spawnSync('npx', ['jest', '--runTestsByPath', ...files.map((f) => relative(app, f))], { cwd: app, encoding: 'utf8' });
  const ok = r.status === 0;
  const tests = /^Tests:.*$/m.exec(r.stderr)?.[0] ?? 'no test summary';
  console.log(`run ${i}/${times}: ${ok ? 'passed' : 'FAILED'} (${tests}; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) {
    failed++;
    process.stdout.write(r.stdout + r.stderr);
    if (!values['keep-going']) break;
  }
}
console.log(failed ? `${failed} failed` : `${times} of ${times} passed`);
process.exit(failed ? 1 : 0);
