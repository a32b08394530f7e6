import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startThrowawayPlatform, type ThrowawayPlatform } from '@khg/stack';
import { STATE_ENV, type TestState } from './state';

declare global {
  // a jest global setup hands its handles to the teardown only through globalThis
  var __khgTest: ThrowawayPlatform | undefined;
}

/**
 * Boots a real platform for one jest project (a fresh embedded PostgreSQL, the manifest's
 * subgraphs and the gateway as processes on free ports). Tests talk to it over HTTP and WebSocket.
 */
export default async function globalSetup(): Promise<void> {
  const t = await startThrowawayPlatform({
    prefix: 'khg-test-',
    env: {
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      SEED_DEMO: 'false',
      NODE_ENV: 'test',
      EVENT_POLL_MS: '200',
      // A deadline for a subgraph that will never answer, not a speed bound: on the shared 2-core VM a
      // healthy subgraph took over the default 10 s and whole files failed. Timeouts are tested on
      // a gateway of their own (hardening-faults.test.ts).
      SUBGRAPH_TIMEOUT_MS: '60000',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_MAX_FAILURES: '4',
      // The shared test gateway is not where limits are tested (those tests start gateways with their
      // own); with the defaults, a test admitting a thousand members as one ADMIN on a quiet machine
      // was refused RATE_LIMITED part-way, and its lanes kept writing beside the next test file.
      RATE_LIMIT_CALLER: '2000/20000',
      RATE_LIMIT_ROLE: '5000/50000',
    },
  });
  const state: TestState = {
    gatewayUrl: t.gatewayUrl,
    databaseUrl: t.db.url,
    subgraphUrls: Object.fromEntries(Object.entries(t.platform.subgraphs).map(([n, s]) => [n, s.url])),
    jwtSecret: t.jwtSecret,
    internalSecret: t.internalSecret,
    logFile: t.logFile,
    env: t.env,
  };
  const stateFile = join(t.dir, 'state.json');
  writeFileSync(stateFile, JSON.stringify(state));
  process.env[STATE_ENV] = stateFile;
  globalThis.__khgTest = t;
}
