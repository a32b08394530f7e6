import { join } from 'node:path';

type Project = (dir: string, name: 'unit' | 'integration', testMatch: string[], extra?: object) => Record<string, unknown>;

/**
 * Jest settings of an app: unit tests beside the code, and integration tests under `test/` that
 * run through one real platform per run (booted only when an integration test is selected), in
 * band (they share it), with generous timeouts for process start.
 */
export function platformJestConfig(dir: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shared settings are a CommonJS file at the repository root, outside this package's sources
  const { project } = require(join(__dirname, '..', '..', '..', 'jest.config.base.js')) as { project: Project };
  return {
    maxWorkers: 1,
    // A global option: jest ignores testTimeout inside a project, and a platform under load (2 cores
    // shared) needs more than the default 5 s for a test that starts a process: up to the 180 s a
    // service has to become ready (@khg/stack), which a test restarting the gateway must allow.
    testTimeout: 240_000,
    projects: [
      project(dir, 'unit', ['<rootDir>/src/**/*.test.ts']),
      project(dir, 'integration', ['<rootDir>/test/**/*.test.ts'], {
        globalSetup: join(__dirname, 'global-setup.js'),
        globalTeardown: join(__dirname, 'global-teardown.js'),
        setupFilesAfterEnv: [join(__dirname, 'after-each-file.js')],
      }),
    ],
  };
}
