import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as natsConnect } from 'nats';
import { Role } from '@khg/domain';
import { GATEWAY, freePort, missingEngines, startNats, startService, type RunningEngine, type RunningService } from '@khg/stack';
import { admitMember, createTree, eventually, sql, subscribe, testState, tokenFor } from '@khg/testing';

/**
 * The distributed mode: two gateway replicas on one JetStream server. The relay leader publishes every
 * log row once; each replica's subscribers get their events from the stream, and a cursor taken on
 * one replica resumes on the other after a restart. Without Debian's nats-server the suite says it
 * was skipped and how to install it.
 */
const missing = missingEngines(['nats-server']);
if (missing) process.stdout.write(`SKIPPED event bus tests: ${missing}\n`);

interface Ev {
  events: { cursor: string; type: string; subjectId: string };
}
const EVENTS = `subscription($after: String) { events(types: [MEMBER_ADMITTED], after: $after) { cursor type subjectId } }`;

/** Port and process of the gateway streaming the relay's slot. */
async function leader(): Promise<{ pid: number; port: number } | undefined> {
  const rows = await sql<{ app: string }>(`SELECT application_name AS app FROM pg_stat_replication WHERE application_name LIKE 'khg-relay %'`);
  const parts = rows[0]?.app.split(':');
  return parts && { pid: Number(parts[parts.length - 2]), port: Number(parts[parts.length - 1]) };
}

(missing ? describe.skip : describe)('events on NATS JetStream (EVENT_BUS)', () => {
  let dir: string;
  let nats: RunningEngine[] = [];
  let a: RunningService | null = null;
  let b: RunningService | null = null;
  let natsUrl: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khg-bus-'));
    const port = await freePort();
    nats = await startNats([{ name: 'n1', port }], dir, join(dir, 'nats.log'));
    natsUrl = `nats://127.0.0.1:${port}`;
    // the hubs' poll of the log is put out of reach: what the subscribers get in this suite came over the bus
    env = { ...process.env, ...testState().env, EVENT_BUS: natsUrl, EVENT_POLL_MS: '600000' };
    a = await startService(GATEWAY, await freePort(), { env, output: testState().logFile });
    b = await startService(GATEWAY, await freePort(), { env, output: testState().logFile });
    // The platform's own gateway (no bus) leads the relay; frozen, it gives the slot up to a bus replica.
    const first = await leader();
    let frozen: number | null = null;
    try {
      if (first && first.port !== a.port && first.port !== b.port) {
        process.kill(first.pid, 'SIGSTOP');
        frozen = first.pid;
        await eventually(async () => {
          const l = await leader();
          return l && (l.port === a!.port || l.port === b!.port);
        }, 'a bus replica leading the relay');
      }
    } finally {
      if (frozen) process.kill(frozen, 'SIGCONT');
    }
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    for (const n of nats) await n.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every event once to subscribers of both replicas, officers only their subtree, and publishes each event once', async () => {
    const t = await createTree(2, 1);
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id });
    const onA = await subscribe<Ev>(EVENTS, {}, { url: `${a!.url}/graphql` });
    const onB = await subscribe<Ev>(EVENTS, {}, { url: `${b!.url}/graphql` });
    const scoped = await subscribe<Ev>(EVENTS, {}, { url: `${b!.url}/graphql`, token: officer });
    const written: { id: string; district: number }[] = [];
    for (let i = 0; i < 10; i++) written.push({ id: (await admitMember(t.communeOrgs[i % 2].id)).id, district: i % 2 });
    const ids = written.map((w) => w.id);
    expect((await onA.waitFor(10)).map((e) => e.events.subjectId)).toEqual(ids);
    expect((await onB.waitFor(10)).map((e) => e.events.subjectId)).toEqual(ids);
    const mine = written.filter((w) => w.district === 1).map((w) => w.id);
    expect((await scoped.waitFor(mine.length)).map((e) => e.events.subjectId)).toEqual(mine);
    const cursors = onB.received.map((e) => BigInt(e.events.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
    for (const s of [onA, onB, scoped]) await s.close();

    // the stream holds each of these events once, under its id (outbox and sequence)
    const nc = await natsConnect({ servers: natsUrl });
    try {
      const jsm = await nc.jetstreamManager();
      const log = await sql<{ cursor: string; source_seq: string }>(`SELECT cursor::text, source_seq::text FROM events.log WHERE subject_id = ANY($1)`, [ids]);
      const seen = new Map<string, number>();
      const info = await jsm.streams.info('KHG_EVENTS');
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage('KHG_EVENTS', { seq });
        const row = m.json<{ subject_id: string; source_seq: string }>();
        if (ids.includes(row.subject_id)) seen.set(row.subject_id, (seen.get(row.subject_id) ?? 0) + 1);
      }
      expect([...seen.values()]).toEqual(ids.map(() => 1));
      expect(log).toHaveLength(10);
    } finally {
      await nc.close();
    }
  });

  it('resumes a cursor taken on one replica on the other, across its restart', async () => {
    // The replica restarted is the one not leading the relay: a stopped leader could hand the slot to
    // the test platform's own gateway, which has no bus, and nothing would be published any more.
    const l = await leader();
    const aLeads = l?.port === a!.port;
    expect(aLeads || l?.port === b!.port).toBe(true);
    const steady = aLeads ? a! : b!;
    let bounced = aLeads ? b! : a!;
    const t = await createTree(1, 1);
    const onSteady = await subscribe<Ev>(EVENTS, {}, { url: `${steady.url}/graphql` });
    await admitMember(t.communeOrgs[0].id);
    const [last] = await onSteady.waitFor(1);
    await onSteady.close();
    await bounced.stop();
    const during: string[] = [];
    for (let i = 0; i < 5; i++) during.push((await admitMember(t.communeOrgs[0].id)).id);
    bounced = await bounced.restart();
    if (aLeads) b = bounced;
    else a = bounced;
    const resumed = await subscribe<Ev>(EVENTS, { after: last.events.cursor }, { url: `${bounced.url}/graphql` });
    expect((await resumed.waitFor(5)).map((e) => e.events.subjectId)).toEqual(during);
    const live = await admitMember(t.communeOrgs[0].id);
    expect((await resumed.waitFor(6))[5].events.subjectId).toBe(live.id);
    await resumed.close();
  });
});
