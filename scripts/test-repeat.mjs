#!/usr/bin/env node
// Runs one integration test file again and again to hunt a flaky test:
//   npm run test:repeat -- apps/gateway/test/events.test.ts --times 20
// Each run is a fresh jest process with its own throw-away platform; stops at the first failure
// (its output is printed) unless --keep-going. Build first (npm run build).
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { times: { type: 'string', default: '20' }, 'keep-going': { type: 'boolean', default: false } },
});
const times = Number(values.times);
if (positionals.length !== 1 || !Number.isInteger(times) || times < 1) {
  console.error('usage: npm run test:repeat -- <app>/test/<file>.test.ts [--times N] [--keep-going]');
  process.exit(2);
}
const file = resolve(positionals[0]);
let app = dirname(file);
while (!existsSync(join(app, 'package.json'))) app = dirname(app);
let failed = 0;
for (let i = 1; i <= times; i++) {
  const started = Date.now();
  const r = spawnSync('npx', ['jest', relative(app, file)], { cwd: app, encoding: 'utf8' });
  const ok = r.status === 0;
  console.log(`run ${i}/${times}: ${ok ? 'passed' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) {
    failed++;
    process.stdout.write(r.stdout + r.stderr);
    if (!values['keep-going']) break;
  }
}
console.log(failed ? `${failed} failed` : `${times} of ${times} passed`);
process.exit(failed ? 1 : 0);
