// `npm test`: lint and format check, build and type-check everything, run every package's tests (unit tier, then
// integration tier on its own embedded PostgreSQL, per package), then print one closing line
// "N passed, N failed" summed over packages, as CI reads it. A lint or type failure counts as one failed test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const dirs = [...['apps', 'packages'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n))), join(root, 'infra')];
const resultFile = (d) => join(d, '.test-results.json');
for (const d of dirs) rmSync(resultFile(d), { force: true });

const run = (args) => spawnSync('npx', ['turbo', ...args], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
const lint = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
if (lint !== 0) console.log('lint: failed (npm run lint; npm run format rewrites what Prettier would change)');
const build = run(['run', 'build', '--output-logs=errors-only']);
if (build !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(build);
}
// swc strips types without checking them: a type error in a test would otherwise pass unseen.
const typecheck = run(['run', 'typecheck', '--output-logs=errors-only']);
if (typecheck !== 0) console.log('typecheck: failed (npx turbo run typecheck)');
const test = run(['run', 'test', '--concurrency=1', '--continue', '--log-order=grouped']);

let passed = 0,
  failed = 0;
for (const d of dirs) {
  if (!existsSync(resultFile(d))) continue;
  const r = JSON.parse(readFileSync(resultFile(d), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
}
if (test !== 0 && failed === 0) failed = 1; // a package that crashed before reporting still counts
if (lint !== 0) failed += 1;
if (typecheck !== 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(test === 0 && failed === 0 ? 0 : 1);
