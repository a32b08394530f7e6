import { join } from 'node:path';

/**
 * Jest settings of a project whose tests run through the real platform: one platform per project,
 * tests in band (they share it), generous timeouts for process start.
 */
export function platformJestConfig(dir: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(join(__dirname, '..', '..', '..', 'jest.config.base.js')) as (d: string, extra: object) => Record<string, unknown>;
  return base(dir, {
    globalSetup: join(__dirname, 'global-setup.js'),
    globalTeardown: join(__dirname, 'global-teardown.js'),
    testTimeout: 60_000,
    maxWorkers: 1,
    setupFilesAfterEnv: [join(__dirname, 'after-each-file.js')],
  });
}
