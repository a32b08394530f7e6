import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { CLUSTER_ENGINES, missingEngines, startCluster, type RunningCluster, type RunningService } from '@khg/stack';
import { eventually, graph, subscribe, type Subscription } from '@khg/testing';

/**
 * The distributed topology of `npm run cluster` (Debian's PostgreSQL, a 3-node JetStream cluster,
 * Redis, HAProxy, two gateways, two replicas of each subgraph) under a steady load of idempotent
 * donations, with 40 subscribers spread over both gateways that resume by cursor, through a row of
 * faults. Without the Debian packages the suite says it was skipped and how to install them.
 */
const missing = missingEngines(CLUSTER_ENGINES);
if (missing) process.stdout.write(`SKIPPED cluster fault test: ${missing}\n`);

interface Ev {
  events: { cursor: string; type: string; subjectId: string; areaId: string | null };
}
const EVENTS = `subscription($after: String) { events(types: [DONATION_RECORDED], after: $after) { cursor type subjectId areaId } }`;

/** A subscriber that, when its gateway goes away, resumes on the other one from its last cursor. */
class Follower {
  readonly events: Ev['events'][] = [];
  resumed = 0;
  private sub: Subscription<Ev> | null = null;
  private stopped = false;

  constructor(
    private readonly urls: () => string[],
    private readonly token: string,
    private at: number,
  ) {}

  async start(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const url = this.urls()[this.at % this.urls().length];
      const after = this.events.length ? this.events[this.events.length - 1].cursor : null;
      try {
        const sub = await subscribe<Ev>(EVENTS, after ? { after } : {}, { url, token: this.token });
        if (sub.error) throw new Error(JSON.stringify(sub.error));
        this.sub = sub;
        const taken = this.events.length;
        const pump = setInterval(() => {
          // copy what the current subscription received since it began
          while (this.events.length - taken < sub.received.length) this.events.push(sub.received[this.events.length - taken].events);
        }, 20);
        void sub.closed.then(() => {
          clearInterval(pump);
          while (this.events.length - taken < sub.received.length) this.events.push(sub.received[this.events.length - taken].events);
          if (this.stopped) return;
          this.resumed++;
          this.at++;
          void this.start();
        });
        return;
      } catch {
        this.at++;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.sub?.close();
  }
}

/** The gateway streaming the relay's slot. */
async function leaderPort(db: string): Promise<number | null> {
  const c = new Client({ connectionString: db });
  await c.connect();
  try {
    const r = await c.query<{ app: string }>(`SELECT application_name AS app FROM pg_stat_replication WHERE application_name LIKE 'khg-relay %'`);
    return r.rows[0] ? Number(r.rows[0].app.split(':').pop()) : null;
  } finally {
    await c.end();
  }
}

/** More rows of the fault table, each checked on the running cluster after the faults. */
export type ClusterCheck = (cluster: RunningCluster, adminToken: string) => Promise<{ fault: string; outcome: string }>;

/** a DEPARTMENT caller may send this many requests in all (the cluster's RATE_LIMITS), whichever gateway it reaches */
const SHARED_LIMIT = 10;

/** The limit lives in Redis: alternating between the gateways, a caller gets it once, not once per gateway. */
const sharedRateLimit: ClusterCheck = async (cluster) => {
  const token = await signUserToken(cluster.env.JWT_SECRET, { sub: `cluster-department-${randomUUID()}`, role: Role.DEPARTMENT }, '1h');
  const statuses: number[] = [];
  for (let i = 0; i < 3 * SHARED_LIMIT; i++) {
    const g = cluster.gateways[i % cluster.gateways.length];
    const r = await fetch(`${g.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Provinces { areas(level: PROVINCE) { id } }' }),
    });
    await r.arrayBuffer();
    statuses.push(r.status);
  }
  const allowed = statuses.filter((x) => x === 200).length;
  expect(statuses.filter((x) => x !== 200 && x !== 429)).toEqual([]);
  expect(Math.abs(allowed - SHARED_LIMIT)).toBeLessThanOrEqual(1);
  return { fault: 'shared rate limit across both gateways', outcome: `${allowed} of ${statuses.length} allowed (limit ${SHARED_LIMIT} in all, Redis)` };
};

const checks: ClusterCheck[] = [sharedRateLimit];

(missing ? describe.skip : describe)('the cluster under faults', () => {
  let dir: string;
  let cluster: RunningCluster;
  let secret: string;
  const table: { fault: string; outcome: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khg-cluster-'));
    secret = randomBytes(24).toString('hex');
    cluster = await startCluster({
      dir,
      port: 0,
      persistent: false,
      env: {
        ...process.env,
        JWT_SECRET: secret,
        INTERNAL_SECRET: randomBytes(24).toString('hex'),
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        // no refill during the test: the shared-limit check counts one budget across both gateways
        RATE_LIMITS: `DEPARTMENT=0.0001/${SHARED_LIMIT}:1000/100000`,
      },
      output: join(dir, 'platform.log'),
    });
  }, 600_000);

  afterAll(async () => {
    await cluster?.stop();
    // the processes' and engines' logs stay for a look after the run (artifacts/ is not committed)
    const keep = join(__dirname, '..', '..', '..', 'artifacts', 'cluster-faults');
    mkdirSync(keep, { recursive: true });
    for (const f of ['platform.log', 'cluster.log', 'haproxy.cfg']) if (existsSync(join(dir, f))) cpSync(join(dir, f), join(keep, f), { force: true });
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\nCluster fault table\n${table.map((r) => `  ${r.fault.padEnd(44)} ${r.outcome}`).join('\n')}\n`);
  }, 120_000);

  it('loses and doubles no donation; every subscriber gets its events once and in order; webhooks in order', async () => {
    const admin = await signUserToken(secret, { sub: 'cluster-admin', role: Role.ADMIN }, '2h');
    const gql = async (q: string, v: Record<string, unknown>) => {
      const r = await graph(q, v, { url: cluster.url, token: admin });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!;
    };
    const area = async (level: string, parentId?: string) =>
      (
        await gql('mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }', {
          i: { level, parentId, name: `${level} ${randomUUID().slice(0, 6)}`, code: randomUUID().slice(0, 8) },
        })
      ).createArea.id as string;
    const province = await area('PROVINCE');
    const districts = [await area('DISTRICT', province), await area('DISTRICT', province)];
    const orgs: string[] = [];
    for (const d of districts) {
      orgs.push(
        (
          await gql('mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
            i: { areaId: d, name: `Hội ${d}`, kind: 'ASSOCIATION', host: 'ADMINISTRATIVE' },
          })
        ).createOrganization.id,
      );
    }
    const funds: string[] = [];
    for (const o of orgs) funds.push((await gql('mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ cụm") { id } }', { o })).openFund.id);

    // a webhook for every donation, received by this process
    const hooks: string[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push(String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { cursor: string }).cursor));
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const followers: { f: Follower; district: number | null }[] = [];
    let loading = true;
    let aborted = false;
    try {
      await gql('mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id } } }', {
        i: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, types: ['DONATION_RECORDED'] },
      });

      const gatewayUrls = () => cluster.gateways.map((g) => `${g.url}/graphql`);
      const officers = await Promise.all(orgs.map((o) => signUserToken(secret, { sub: `officer-${o}`, role: Role.OFFICER, orgId: o }, '2h')));
      for (let i = 0; i < 40; i++) {
        const district = i % 4 === 0 ? 0 : i % 4 === 1 ? 1 : null;
        const f = new Follower(gatewayUrls, district === null ? admin : officers[district], i);
        await f.start();
        followers.push({ f, district });
      }

      // steady load: idempotent donations through HAProxy, each retried with its key until it is recorded
      const keys: { key: string; district: number }[] = [];
      let recorded = 0;
      const donate = async (key: string, fund: string, url = cluster.url) => {
        while (!aborted) {
          const r = await graph(
            'mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }',
            { i: { fundId: fund, donorName: 'Nhà hảo tâm', amount: 50000, receivedOn: '2026-11-20', method: 'CASH', idempotencyKey: key } },
            { url, token: admin },
          ).catch(() => null);
          if (r && !r.errors) return;
          await new Promise((res) => setTimeout(res, 100));
        }
      };
      // the response cache across replicas: an answer cached on one gateway, a write through the other
      const windows: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [ga, gb] = cluster.gateways;
        const balance = async () =>
          String((await graph('query($f: ID!) { fund(id: $f) { balance } }', { f: funds[0] }, { url: `${ga.url}/graphql`, token: admin })).data!.fund.balance);
        const before = await balance();
        await balance();
        const k = { key: randomUUID(), district: 0 };
        keys.push(k);
        await donate(k.key, funds[0], `${gb.url}/graphql`);
        const written = Date.now();
        await eventually(async () => (await balance()) !== before, 'the other gateway serving the new balance');
        windows.push(Date.now() - written);
      }
      table.push({
        fault: 'response cache, write on the other gateway',
        outcome: `stale at most ${Math.max(...windows)} ms (5 writes: ${windows.join(', ')} ms)`,
      });

      const load = (async () => {
        for (let i = 0; loading; i++) {
          const k = { key: randomUUID(), district: i % 2 };
          keys.push(k);
          await donate(k.key, funds[k.district]);
          recorded++;
        }
      })();
      const progress = async (what: string, more = 3) => {
        const from = recorded;
        await eventually(() => recorded >= from + more, `donations going through after: ${what}`, 120_000);
      };
      await progress('start');

      const replace = async (list: RunningService[], s: RunningService, how: 'SIGKILL' | 'SIGTERM') => {
        if (how === 'SIGKILL') s.child.kill('SIGKILL');
        else await s.stop();
        const again = await s.restart();
        list[list.indexOf(s)] = again;
      };

      // 1. kill the relay leader
      const lp = await leaderPort(cluster.db.url);
      const leader = cluster.gateways.find((g) => g.port === lp)!;
      expect(leader).toBeDefined();
      leader.child.kill('SIGKILL');
      await eventually(async () => {
        const p = await leaderPort(cluster.db.url);
        return p !== null && p !== lp;
      }, 'the other gateway leading the relay');
      await progress('relay leader killed');
      cluster.gateways[cluster.gateways.indexOf(leader)] = await leader.restart();
      table.push({ fault: 'relay leader killed (SIGKILL)', outcome: 'the other gateway took the slot; restarted' });

      // 2. kill a fundraising replica
      await replace(cluster.subgraphs.fundraising, cluster.subgraphs.fundraising[0], 'SIGKILL');
      await progress('fundraising replica killed');
      table.push({ fault: 'fundraising replica killed (SIGKILL)', outcome: 'HAProxy sent writes to the other; restarted' });

      // 3. freeze the new leader for 10 s (the fault's length, not a wait before asserting)
      const lp2 = await leaderPort(cluster.db.url);
      const frozen = cluster.gateways.find((g) => g.port === lp2)!;
      frozen.child.kill('SIGSTOP');
      try {
        await new Promise((r) => setTimeout(r, 10_000));
      } finally {
        frozen.child.kill('SIGCONT');
      }
      await progress('leader frozen 10 s');
      table.push({ fault: 'relay leader frozen 10 s (SIGSTOP)', outcome: `leader after: gateway ${await leaderPort(cluster.db.url)}` });

      // 4. stop a gateway (its subscribers resume on the other)
      await replace(cluster.gateways, cluster.gateways[1], 'SIGTERM');
      await progress('gateway stopped');
      table.push({ fault: 'gateway stopped (SIGTERM), restarted', outcome: `${followers.reduce((n, x) => n + x.f.resumed, 0)} resumptions by cursor so far` });

      // 5. kill one NATS node
      await cluster.nats[0].kill();
      await progress('NATS node killed');
      table.push({ fault: 'one of 3 NATS nodes killed (SIGKILL)', outcome: 'stream kept on 2 nodes' });

      // 6. hold a write transaction open for 30 s: events keep flowing meanwhile
      const holder = new Client({ connectionString: cluster.db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO inspections.outbox_events (type, subject_id, actor) VALUES ('RECOMMENDATION_CHANGED', 'held-open', '{"sub":"cluster-test","role":"ADMIN"}')`,
      );
      const heldFrom = recorded;
      const countDelivered = () => followers[2].f.events.length;
      const deliveredBefore = countDelivered();
      await new Promise((r) => setTimeout(r, 30_000));
      const deliveredDuring = countDelivered() - deliveredBefore;
      await holder.query('COMMIT');
      await holder.end();
      table.push({ fault: '30 s write transaction held open', outcome: `${recorded - heldFrom} donations recorded, ${deliveredDuring} delivered meanwhile` });
      expect(deliveredDuring).toBeGreaterThan(0);

      loading = false;
      await load;

      // the record: each key once, each donation's event once in the log
      const c = new Client({ connectionString: cluster.db.url });
      await c.connect();
      let ids: { id: string; district: number }[];
      try {
        const rows = (
          await c.query<{ key: string; id: string; n: number }>(
            `SELECT idempotency_key AS key, min(id) AS id, count(*)::int AS n FROM fundraising.donations WHERE fund_id = ANY($1) GROUP BY 1`,
            [funds],
          )
        ).rows;
        expect(rows).toHaveLength(keys.length);
        expect(rows.every((r) => r.n === 1)).toBe(true);
        const byKey = new Map(rows.map((r) => [r.key, r.id]));
        ids = keys.map((k) => ({ id: byKey.get(k.key)!, district: k.district }));
        const logged = await eventually(
          async () => {
            const r = (
              await c.query<{ n: number; d: number }>(
                `SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS d FROM events.log WHERE type = 'DONATION_RECORDED' AND subject_id = ANY($1)`,
                [ids.map((x) => x.id)],
              )
            ).rows[0];
            return r.d === ids.length && r;
          },
          'every donation in the event log',
          120_000,
        );
        expect(logged).toEqual({ n: ids.length, d: ids.length });
      } finally {
        await c.end();
      }

      // every subscriber: all its events, once, in cursor order (officers only their district)
      for (const { f, district } of followers) {
        const expected = ids.filter((x) => district === null || x.district === district).map((x) => x.id);
        await eventually(() => expected.every((id) => f.events.some((e) => e.subjectId === id)), 'a subscriber has all its events', 120_000);
        const mine = f.events.filter((e) => expected.includes(e.subjectId));
        expect(mine.map((e) => e.subjectId).sort()).toEqual([...expected].sort());
        expect(f.events.filter((e) => !ids.some((x) => x.id === e.subjectId))).toEqual([]);
        const cursors = f.events.map((e) => BigInt(e.cursor));
        expect(cursors.every((x, i) => i === 0 || x > cursors[i - 1])).toBe(true);
        if (district !== null) expect(f.events.every((e) => e.areaId === districts[district])).toBe(true);
      }

      // the webhook: every donation, in cursor order (a redelivery repeats the last one only)
      await eventually(() => new Set(hooks).size >= ids.length, 'the webhook received every donation', 120_000);
      const distinct = hooks.filter((h, i) => i === 0 || h !== hooks[i - 1]).map((h) => BigInt(h));
      expect(distinct.every((x, i) => i === 0 || x > distinct[i - 1])).toBe(true);
      for (const check of checks) table.push(await check(cluster, admin));
      table.push({
        fault: 'outcome',
        outcome: `${keys.length} donations, none lost or doubled; 40 subscribers complete and in order; webhook ${hooks.length} posts in order`,
      });
    } finally {
      loading = false;
      aborted = true;
      await Promise.all(followers.map((x) => x.f.stop()));
      server.close();
    }
  }, 900_000);
});
