import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@khg/domain';
import { createLogger } from '@khg/platform';
import { admitMember, codes, createTree, eventually, graph, graphOk, sql, testState, tokenFor } from '@khg/testing';
import { EventStore } from '../src/events/store';

interface Received {
  body: { cursor: string; type: string; subjectId: string; webhookId: string };
  verified: boolean;
  status: number;
}

/** Receivers still listening when a test ends (a failed one never reached its close): an open server keeps jest from exiting. */
const listening = new Set<Server>();
afterEach(async () => {
  await Promise.all(
    [...listening].map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
  listening.clear();
});

/** A real HTTP receiver that verifies signatures the way docs/subscriptions.md tells departments to. */
async function receiver(secretRef: { secret: string }, statuses: number[] = []): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = String(req.headers['x-khg-signature'] ?? '');
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      const expected = createHmac('sha256', secretRef.secret).update(`${t}.${raw}`).digest();
      const verified = !!v1 && timingSafeEqual(expected, Buffer.from(v1, 'hex')) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
      const status = statuses.length ? statuses.shift()! : 200;
      got.push({ body: JSON.parse(raw), verified, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  listening.add(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () =>
      new Promise((r) => {
        listening.delete(server);
        server.close(() => r());
      }),
  };
}

const REGISTER = `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id url types areaId active } } }`;
const WITH_GAP = `{ webhooks { id active lostEvents { afterCursor throughCursor events } } }`;
const DELIVERIES = `{ webhooks { id active consecutiveFailures deliveries { cursor eventType attempts lastStatus deliveredAt lastError } } }`;

describe('webhooks', () => {
  it('is for DEPARTMENT and ADMIN, with a valid URL; refusals keep their codes and messages', async () => {
    const analyst = await tokenFor({ role: Role.ANALYST });
    const refused = await graph(REGISTER, { i: { url: 'http://127.0.0.1:9/x' } }, { token: analyst });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toBe('Webhooks need the role DEPARTMENT or ADMIN; you are ANALYST');
    const bad = await graph(REGISTER, { i: { url: 'not a url' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toBe('url "not a url" is not a URL');
    const missing = await graph(`mutation { removeWebhook(id: "whk_missing") }`);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.errors![0].message).toBe('Webhook whk_missing does not exist');
  });

  it('delivers signed events in cursor order, retries a failing receiver until acknowledged, and logs each delivery', async () => {
    const t = await createTree(1, 1);
    const dept = await tokenFor({ role: Role.DEPARTMENT, sub: 'so-giao-duc' });
    const ref = { secret: '' };
    const rx = await receiver(ref, [500, 503]);
    const reg = await graphOk(REGISTER, { i: { url: rx.url, types: ['MEMBER_ADMITTED'], areaId: t.province.id } }, { token: dept });
    ref.secret = reg.registerWebhook.secret;
    expect(reg.registerWebhook.webhook).toMatchObject({ url: rx.url, types: ['MEMBER_ADMITTED'], areaId: t.province.id, active: true });
    const members = [];
    for (let i = 0; i < 3; i++) members.push((await admitMember(t.communeOrgs[0].id)).id);
    await eventually(() => rx.got.filter((g) => g.status === 200).length >= 3);
    expect(rx.got.every((g) => g.verified)).toBe(true);
    // the first event failed twice, then succeeded; nothing overtook it
    expect(rx.got.map((g) => [g.body.subjectId, g.status])).toEqual([
      [members[0], 500],
      [members[0], 503],
      [members[0], 200],
      [members[1], 200],
      [members[2], 200],
    ]);
    const cursors = rx.got.filter((g) => g.status === 200).map((g) => BigInt(g.body.cursor));
    expect(cursors[0] < cursors[1] && cursors[1] < cursors[2]).toBe(true);
    const log = await graphOk(DELIVERIES, {}, { token: dept });
    const hook = log.webhooks.find((w: { id: string }) => w.id === reg.registerWebhook.webhook.id);
    expect(hook.deliveries.map((d: { attempts: number; lastStatus: number; eventType: string }) => [d.attempts, d.lastStatus, d.eventType])).toEqual([
      [1, 200, 'MEMBER_ADMITTED'],
      [1, 200, 'MEMBER_ADMITTED'],
      [3, 200, 'MEMBER_ADMITTED'],
    ]);
    expect(hook.deliveries.every((d: { deliveredAt: string | null }) => d.deliveredAt)).toBe(true);
    await rx.close();
  });

  it('pauses a webhook that keeps failing, resumes it on request, and stops after removal', async () => {
    const t = await createTree(1, 1);
    const dept = await tokenFor({ role: Role.DEPARTMENT, sub: 'so-noi-vu' });
    const ref = { secret: '' };
    const rx = await receiver(ref, [500, 500, 500, 500]);
    const reg = await graphOk(REGISTER, { i: { url: rx.url, areaId: t.province.id } }, { token: dept });
    ref.secret = reg.registerWebhook.secret;
    const id = reg.registerWebhook.webhook.id;
    const m = await admitMember(t.communeOrgs[0].id);
    const paused = await eventually(async () => {
      const d = await graphOk(DELIVERIES, {}, { token: dept });
      const w = d.webhooks.find((x: { id: string }) => x.id === id);
      return !w.active && w;
    });
    expect(paused.consecutiveFailures).toBe(4);
    expect(rx.got).toHaveLength(4);
    const resumed = await graphOk(`mutation($id: ID!) { resumeWebhook(id: $id) { active } }`, { id }, { token: dept });
    expect(resumed.resumeWebhook.active).toBe(true);
    await eventually(() => rx.got.some((g) => g.status === 200));
    expect(rx.got.filter((g) => g.status === 200).map((g) => g.body.subjectId)).toEqual([m.id]);
    expect((await graphOk(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id }, { token: dept })).removeWebhook).toBe(true);
    // A second webhook as the sentinel: once a dispatcher pass delivered the new event to it, every
    // later pass skips the removed one, and an earlier pass ended before it began.
    const ref2 = { secret: '' };
    const rx2 = await receiver(ref2);
    ref2.secret = (await graphOk(REGISTER, { i: { url: rx2.url, areaId: t.province.id } }, { token: dept })).registerWebhook.secret;
    const after = await admitMember(t.communeOrgs[0].id);
    await eventually(() => rx2.got.some((g) => g.body.subjectId === after.id), 'the sentinel webhook received the event');
    expect(rx.got.filter((g) => g.status === 200).map((g) => g.body.subjectId)).toEqual([m.id]);
    expect(rx.got.some((g) => g.body.subjectId === after.id)).toBe(false);
    await rx2.close();
    const other = await tokenFor({ role: Role.DEPARTMENT, sub: 'someone-else' });
    expect(codes(await graph(`mutation($id: ID!) { resumeWebhook(id: $id) { id } }`, { id }, { token: other }))).toEqual(['NOT_FOUND']);
    await rx.close();
  });
  it('sends a receiver that fell behind and accepts batches many events per POST, in cursor order, each once', async () => {
    const t = await createTree(1, 1);
    const posts: { cursors: string[]; batch: string | undefined }[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let arrived = 0;
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { cursor?: string; events?: { cursor: string }[] };
        const post = { cursors: body.events ? body.events.map((e) => e.cursor) : [body.cursor!], batch: req.headers['x-khg-batch'] as string | undefined };
        // Counted once answered: a POST the gateway gave up on (its timeout passed while the writes
        // below ran on a loaded machine) is sent again, and only the answered one is a delivery.
        res.on('finish', () => posts.push(post));
        // the second POST waits until the writes below are done: meanwhile the receiver falls behind
        const answer = () => {
          res.setHeader('x-khg-accept-batch', '8');
          res.statusCode = 204;
          res.end();
        };
        if (++arrived === 2) void held.then(answer);
        else answer();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    listening.add(server);
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await graphOk(REGISTER, { i: { url, types: ['MEMBER_ADMITTED'], areaId: t.province.id } });
      const members: string[] = [];
      for (let i = 0; i < 2; i++) members.push((await admitMember(t.communeOrgs[0].id)).id);
      await eventually(() => arrived === 2, 'the second delivery in flight');
      for (let i = 0; i < 20; i++) members.push((await admitMember(t.communeOrgs[0].id)).id);
      release();
      const expected = (await sql<{ cursor: string }>('SELECT cursor::text FROM events.log WHERE subject_id = ANY($1) ORDER BY cursor', [members])).map(
        (r) => r.cursor,
      );
      await eventually(() => posts.flatMap((p) => p.cursors).length >= expected.length, 'every event delivered');
      expect(posts.flatMap((p) => p.cursors)).toEqual(expected);
      // one at a time until the receiver said it takes 8; then batches of at most 8
      expect(posts[0].cursors).toHaveLength(1);
      expect(posts.slice(1).every((p) => p.cursors.length <= 8)).toBe(true);
      expect(posts.length).toBeLessThan(expected.length);
      expect(posts.filter((p) => p.cursors.length > 1).every((p) => p.batch === String(p.cursors.length))).toBe(true);
    } finally {
      server.close();
    }
  });
  it('reports the events retention removed before a paused webhook received them, then goes on from the oldest event kept', async () => {
    const t = await createTree(1, 1);
    const dept = await tokenFor({ role: Role.DEPARTMENT, sub: 'so-lao-dong' });
    let open = false;
    const posts: { body: { cursor?: string; gap?: unknown; events?: { cursor: string }[] }; gap: string | undefined }[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (open) posts.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), gap: req.headers['x-khg-gap'] as string | undefined });
        res.setHeader('x-khg-accept-batch', '100');
        res.statusCode = open ? 204 : 500;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    listening.add(server);
    const store = new EventStore(testState().databaseUrl, createLogger('retention-test'));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      // no filter: the events pruned below (whatever they are) are ones this webhook should have had
      const id = (await graphOk(REGISTER, { i: { url } }, { token: dept })).registerWebhook.webhook.id;
      await admitMember(t.communeOrgs[0].id);
      const paused = async () => (await graphOk(WITH_GAP, {}, { token: dept })).webhooks.find((w: { id: string }) => w.id === id);
      await eventually(async () => !(await paused()).active, 'the webhook paused after failing');
      // As if it had been paused for 40 days: its last acknowledged cursor and registration go back,
      // and the log's three oldest events age past EVENT_RETENTION_DAYS. The oldest ones, not new
      // ones: the log is shared with the other test files, whose replay cursors must stay above the floor.
      await sql(`UPDATE events.webhooks SET delivered_through = 0, created_at = now() - interval '50 days' WHERE id = $1`, [id]);
      const oldest = (await sql<{ cursor: string }>('SELECT cursor::text FROM events.log ORDER BY cursor LIMIT 3')).map((r) => r.cursor);
      await sql(`UPDATE events.log SET occurred_at = now() - interval '40 days' WHERE cursor = ANY($1::bigint[])`, [oldest]);
      expect(await store.applyRetention(30)).toBe(3);
      const gap = { afterCursor: '0', throughCursor: oldest[2], events: 3 };
      expect((await paused()).lostEvents).toEqual(gap);
      open = true;
      await graphOk(`mutation($id: ID!) { resumeWebhook(id: $id) { active } }`, { id }, { token: dept });
      await eventually(() => posts.length >= 1, 'a delivery after resuming');
      expect(posts[0].body.gap).toEqual(gap);
      expect(posts[0].gap).toBe(`after=0,through=${oldest[2]},events=3`);
      const first = posts[0].body.events ? posts[0].body.events[0].cursor : posts[0].body.cursor!;
      const kept = (await sql<{ cursor: string }>('SELECT min(cursor)::text AS cursor FROM events.log'))[0].cursor;
      expect(first).toBe(kept);
      // said once: cleared when acknowledged
      await eventually(async () => (await paused()).lostEvents === null, 'the gap cleared');
      expect(posts.slice(1).some((p) => p.body.gap !== undefined || p.gap !== undefined)).toBe(false);
      await graphOk(`mutation($id: ID!) { removeWebhook(id: $id) }`, { id }, { token: dept });
    } finally {
      await store.close();
      server.close();
    }
  });
});
