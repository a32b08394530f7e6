import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '@khg/platform';
import { startEmbeddedPostgres, type RunningDatabase } from './database';
import { debianPostgres, enginePath, missingEngines, startEngine, startNats, type Engine, type RunningEngine } from './engines';
import { freePort } from './ports';
import { GATEWAY, startService, subgraphServices, type RunningService, type ServiceSpec } from './services';
import { StartupError } from './startup-error';

export const CLUSTER_ENGINES: readonly Engine[] = ['postgresql', 'nats-server', 'redis-server', 'haproxy'];

export interface ClusterOptions {
  /** data and logs: PostgreSQL's data, JetStream's store, haproxy.cfg, cluster.log */
  dir: string;
  /** the port HAProxy serves the gateways on (a free one when 0) */
  port: number;
  /** keep PostgreSQL's data across runs */
  persistent: boolean;
  env: NodeJS.ProcessEnv;
  /** where the platform's processes write: 'inherit' (prefixed lines) or a file */
  output: 'inherit' | string;
}

export interface RunningCluster {
  /** HAProxy's front door: http://127.0.0.1:<port>/graphql reaches either gateway */
  url: string;
  db: RunningDatabase;
  nats: RunningEngine[];
  natsUrl: string;
  redis: RunningEngine;
  redisUrl: string;
  haproxy: RunningEngine;
  gateways: RunningService[];
  /** two replicas of each subgraph, by name */
  subgraphs: Record<string, RunningService[]>;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** a dozen processes share the machine: a start (or a restart in a fault test) may take longer than npm start's */
const READY_MS = 180_000;

const free = async (n: number) => Promise.all(Array.from({ length: n }, () => freePort()));

/** HAProxy in front of the gateways (public) and of each subgraph's replicas (what the gateways call). */
function haproxyConfig(front: number, gateways: number[], subgraphs: { name: string; port: number; replicas: number[] }[]): string {
  const backend = (name: string, ports: number[], check: string) =>
    [`backend ${name}`, `  option httpchk GET ${check}`, ...ports.map((p, i) => `  server ${name}${i + 1} 127.0.0.1:${p} check inter 500 fall 2 rise 1`)].join(
      '\n',
    );
  return [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // subscriptions are long-lived WebSockets and event streams
    '  timeout tunnel 1h',
    '  option forwardfor',
    '  retries 2',
    '  option redispatch',
    `frontend gateways`,
    `  bind 127.0.0.1:${front}`,
    '  default_backend gateway',
    backend('gateway', gateways, '/health/live'),
    ...subgraphs.flatMap((s) => [
      `frontend ${s.name}`,
      `  bind 127.0.0.1:${s.port}`,
      `  default_backend ${s.name}-replicas`,
      backend(`${s.name}-replicas`, s.replicas, '/health/live'),
    ]),
    '',
  ].join('\n');
}

/**
 * The distributed topology on one machine, all on 127.0.0.1: Debian's PostgreSQL (wal_level=logical),
 * a 3-node JetStream cluster, Redis, two replicas of every subgraph and two gateways (EVENT_BUS,
 * REDIS_URL, TRUSTED_PROXIES), HAProxy in front of the gateways and of each subgraph's replicas.
 * Installs nothing: a missing engine is a StartupError that says how to install it.
 */
export async function startCluster(o: ClusterOptions): Promise<RunningCluster> {
  const missing = missingEngines(CLUSTER_ENGINES);
  if (missing) throw new StartupError(`npm run cluster needs Debian's engines: ${missing}`);
  const log = join(o.dir, 'cluster.log');
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  };
  try {
    const [pgPort, redisPort, n1, n2, n3, c1, c2, c3] = await free(8);
    const db = await startEmbeddedPostgres({ dir: join(o.dir, 'pg'), port: pgPort, persistent: o.persistent, systemBinaries: debianPostgres()! });
    started.push(db);
    const nats = await startNats(
      [
        { name: 'nats-1', port: n1, clusterPort: c1 },
        { name: 'nats-2', port: n2, clusterPort: c2 },
        { name: 'nats-3', port: n3, clusterPort: c3 },
      ],
      join(o.dir, 'jetstream'),
      log,
    );
    started.push(...nats);
    const redis = await startEngine(
      'redis',
      enginePath('redis-server')!,
      ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', o.dir],
      redisPort,
      log,
    );
    started.push(redis);

    const specs = subgraphServices(loadManifest(o.env));
    const sgPorts = await Promise.all(specs.map(async (s) => ({ spec: s, front: await freePort(), replicas: await free(2) })));
    const [front, g1, g2] = o.port ? [o.port, ...(await free(2))] : await free(3);
    const natsUrl = [n1, n2, n3].map((p) => `nats://127.0.0.1:${p}`).join(',');
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const env: Record<string, string> = {
      ...Object.fromEntries(Object.entries(o.env).filter((kv): kv is [string, string] => typeof kv[1] === 'string')),
      DATABASE_URL: db.url,
      EVENT_BUS: natsUrl,
      EVENT_BUS_REPLICAS: '3',
      REDIS_URL: redisUrl,
      TRUSTED_PROXIES: '127.0.0.1',
      ...Object.fromEntries(sgPorts.map((s) => [s.spec.urlEnv!, `http://127.0.0.1:${s.front}/graphql`])),
    };
    const cfg = join(o.dir, 'haproxy.cfg');
    writeFileSync(
      cfg,
      haproxyConfig(
        front,
        [g1, g2],
        sgPorts.map((s) => ({ name: s.spec.name, port: s.front, replicas: s.replicas })),
      ),
    );
    const haproxy = await startEngine('haproxy', enginePath('haproxy')!, ['-f', cfg, '-db'], front, log);
    started.push(haproxy);

    const subgraphs: Record<string, RunningService[]> = {};
    const replica = async (spec: ServiceSpec, port: number, extra: Record<string, string> = {}) => {
      const s = await startService(spec, port, { env: { ...env, ...extra }, output: o.output, readyTimeoutMs: READY_MS });
      started.push(s);
      (subgraphs[spec.name] ??= []).push(s);
    };
    // the first replica of each migrates its schema (and loads the demo data); the second starts on a migrated one
    await Promise.all(sgPorts.map((s) => replica(s.spec, s.replicas[0])));
    await Promise.all(sgPorts.map((s) => replica(s.spec, s.replicas[1], { SEED_DEMO: 'false' })));
    const gateways: RunningService[] = [];
    for (const p of [g1, g2]) {
      const g = await startService(GATEWAY, p, { env, output: o.output, readyTimeoutMs: READY_MS });
      started.push(g);
      gateways.push(g);
    }
    const cluster: RunningCluster = {
      url: `http://127.0.0.1:${front}/graphql`,
      db,
      nats,
      natsUrl,
      redis,
      redisUrl,
      haproxy,
      gateways,
      subgraphs,
      env,
      // what runs now: a fault test may have replaced a process with its restart
      async stop() {
        for (const g of cluster.gateways) await g.stop();
        await Promise.all(Object.values(cluster.subgraphs).flatMap((rs) => rs.map((r) => r.stop())));
        await stopAll();
      },
    };
    return cluster;
  } catch (e) {
    await stopAll();
    throw e;
  }
}
