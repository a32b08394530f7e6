#!/usr/bin/env node
// `npm run cluster`: the distributed topology on this machine, for trying it (docs/deployment.md).
import { join } from 'node:path';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { startCluster, type RunningCluster } from '../cluster';
import { takeOverSignals } from '../database';
import { loadStartSettings } from '../settings';
import { startupMessage } from '../startup-error';

async function main(): Promise<void> {
  const s = loadStartSettings();
  const dir = join(s.DATA_DIR, 'cluster');
  let cluster: RunningCluster | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping the cluster…\n');
    await cluster?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const began = Date.now();
  try {
    process.stdout.write(`Starting the cluster (data and logs in ${dir})…\n`);
    cluster = await startCluster({
      dir,
      port: s.PORT,
      persistent: true,
      env: { ...process.env, JWT_SECRET: s.JWT_SECRET, INTERNAL_SECRET: s.INTERNAL_SECRET, LOG_LEVEL: s.LOG_LEVEL, SEED_DEMO: s.SEED_DEMO },
      output: 'inherit',
    });
    takeOverSignals(() => void stop(0));
  } catch (e) {
    process.stderr.write(`Could not start the cluster: ${startupMessage(e)}\n`);
    await stop(1);
    return;
  }
  const token = await signUserToken(s.JWT_SECRET, { sub: 'demo-province-admin', role: Role.ADMIN }, '30d');
  const c = cluster;
  process.stdout.write(
    [
      '',
      `The cluster is up (${((Date.now() - began) / 1000).toFixed(1)} s), all on 127.0.0.1:`,
      `  GraphQL (HAProxy)  : ${c.url}  → gateways ${c.gateways.map((g) => g.port).join(', ')}`,
      ...Object.entries(c.subgraphs).map(([name, rs]) => `  ${name.padEnd(18)} : replicas on ${rs.map((r) => r.port).join(', ')}`),
      `  PostgreSQL (Debian): ${c.db.url.replace(/:[^:@/]+@/, ':***@')}`,
      `  NATS JetStream     : ${c.natsUrl}`,
      `  Redis              : ${c.redisUrl}`,
      `  Admin header       : {"Authorization": "Bearer ${token}"}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

const fatal = (e: unknown) => {
  process.stderr.write(`Could not start the cluster: ${startupMessage(e)}\n`);
  process.exit(1);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

void main();
