import { readFileSync } from 'node:fs';

/** What the global setup started, handed to test files through a JSON file named in the env. */
export interface TestState {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
  logFile: string;
  /** the environment the platform's processes got (to start another gateway in a test) */
  env: Record<string, string>;
}

export const STATE_ENV = 'KHG_TEST_STATE';

let cached: TestState | null = null;
export function testState(): TestState {
  if (cached) return cached;
  const file = process.env[STATE_ENV];
  if (!file) throw new Error('No test platform: this jest project needs the @khg/testing global setup (see docs/development.md)');
  cached = JSON.parse(readFileSync(file, 'utf8')) as TestState;
  return cached;
}
