#!/usr/bin/env node
// `npm start`: one command brings up the whole platform on this machine.
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { externalDatabase, startEmbeddedPostgres, takeOverSignals, type RunningDatabase } from '../database';
import { assertPortsFree, type PortSetting } from '../port-check';
import { startPlatform, type RunningPlatform } from '../services';
import { loadStartSettings } from '../settings';
import { startupMessage } from '../startup-error';

/** Every port `npm start` listens on, with the setting that chooses it. */
function portSettings(s: ReturnType<typeof loadStartSettings>): PortSetting[] {
  const ports: PortSetting[] = [{ setting: 'PORT', port: s.PORT }, ...s.manifest.map((m) => ({ setting: m.portVariable, port: s.subgraphPorts[m.name] }))];
  if (!s.DATABASE_URL) ports.push({ setting: 'EMBEDDED_PG_PORT', port: s.EMBEDDED_PG_PORT });
  return ports;
}

async function main(): Promise<void> {
  const s = loadStartSettings();
  const began = Date.now();
  let db: RunningDatabase | null = null;
  let platform: RunningPlatform | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (db || platform) process.stdout.write('\nStopping Khuyến học Graph…\n');
    await platform?.stop().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await assertPortsFree(portSettings(s), process.env.HOST ?? '127.0.0.1');
    if (s.DATABASE_URL) {
      db = externalDatabase(s.DATABASE_URL);
      process.stdout.write('Using the PostgreSQL server named by DATABASE_URL\n');
    } else {
      process.stdout.write(`Starting embedded PostgreSQL (data in ${join(s.DATA_DIR, 'pg')})…\n`);
      db = await startEmbeddedPostgres({ dir: join(s.DATA_DIR, 'pg'), port: s.EMBEDDED_PG_PORT, persistent: true });
      const pgDir = join(s.DATA_DIR, 'pg');
      if (lstatSync(pgDir).isSymbolicLink()) {
        process.stdout.write(`  (as root: PostgreSQL runs as user postgres, data in ${realpathSync(pgDir)}, linked from ${pgDir})\n`);
      }
      takeOverSignals(() => void stop(0));
    }
    process.stdout.write('Starting the subgraphs (migrations, demo data) and the gateway…\n');
    platform = await startPlatform({
      databaseUrl: db.url,
      gatewayPort: s.PORT,
      subgraphPorts: s.subgraphPorts,
      env: { ...process.env, JWT_SECRET: s.JWT_SECRET, INTERNAL_SECRET: s.INTERNAL_SECRET, LOG_LEVEL: s.LOG_LEVEL, SEED_DEMO: s.SEED_DEMO },
      output: 'inherit',
    });
  } catch (e) {
    process.stderr.write(`Could not start: ${startupMessage(e)}\n`);
    debugDetails(e);
    await stop(1);
    return;
  }
  const token = await signUserToken(s.JWT_SECRET, { sub: 'demo-province-admin', role: Role.ADMIN }, '30d');
  const endpoint = `http://localhost:${s.PORT}/graphql`;
  process.stdout.write(
    [
      '',
      `Khuyến học Graph is up (${((Date.now() - began) / 1000).toFixed(1)} s).`,
      `  GraphQL endpoint : ${endpoint}`,
      `  Playground       : ${endpoint}  (open it in a browser; also http://localhost:${s.PORT}/playground)`,
      `  Subscriptions    : ws://localhost:${s.PORT}/graphql (graphql-transport-ws, or the legacy graphql-ws), SSE at ${endpoint}/stream`,
      `  Web console      : http://localhost:${s.PORT}/console  (paste the Bearer token shown below once)`,
      "  Province admin header (paste into Playground's HTTP HEADERS):",
      `  {"Authorization": "Bearer ${token}"}`,
      '  Other roles: npm run token -- --role OFFICER --org <organisation id>',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** With KHG_DEBUG set, the whole error after its one line: for a report, or when the line is not enough. */
function debugDetails(e: unknown): void {
  if (process.env.KHG_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
}

// Whatever escapes (a library's unhandled error) still ends in one line, not a stack trace.
const fatal = (e: unknown) => {
  process.stderr.write(`Could not start: ${startupMessage(e)} (KHG_DEBUG=1 npm start shows the details)\n`);
  debugDetails(e);
  process.exit(1);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

void main();
