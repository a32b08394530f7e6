import WebSocket from 'ws';
import { createClient as createSseClient } from 'graphql-sse';
import { Role } from '@khg/domain';
import { admitMember, asAdmin, createTree, testState, tokenFor } from '@khg/testing';

/**
 * The legacy subscriptions-transport-ws protocol (Playground's) and Server-Sent Events, beside
 * graphql-ws (events.test.ts): same auth, filters, replay cursor, limits and officer scoping.
 */

interface Ev {
  events: { cursor: string; type: string; subjectId: string; member?: { fullName: string } | null };
}
interface Msg {
  type: string;
  id?: string;
  payload?: { data?: Ev; errors?: { message: string; extensions?: { code?: string } }[]; message?: string; extensions?: { code?: string } } & {
    length?: number;
  };
}

const EVENTS = `subscription($types: [EventType!], $after: String) {
  events(types: $types, after: $after) { cursor type subjectId member { fullName } } }`;

/** A raw client of the legacy protocol, as Playground's subscriptions-transport-ws client speaks it. */
class LegacyClient {
  readonly messages: Msg[] = [];
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.messages.push(JSON.parse(String(d)) as Msg);
      this.poke();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.poke();
    });
  }

  static async open(authorization: string | null): Promise<LegacyClient> {
    const ws = new WebSocket(testState().gatewayUrl.replace(/^http/, 'ws'), 'graphql-ws');
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('graphql-ws');
    const c = new LegacyClient(ws);
    c.send({ type: 'connection_init', payload: authorization ? { Authorization: authorization } : {} });
    return c;
  }

  send(m: object): void {
    this.ws.send(JSON.stringify(m));
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `pred` holds over what arrived (or the socket closed), at most `ms`. */
  async until(pred: () => boolean, what: string, ms = 15_000): Promise<void> {
    const deadline = setTimeout(() => this.poke(), ms);
    const started = Date.now();
    try {
      while (!pred()) {
        if (Date.now() - started >= ms) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages)} close=${this.closeCode}`);
        if (this.closeCode !== null && !pred()) throw new Error(`socket closed (${this.closeCode}) before ${what}; got ${JSON.stringify(this.messages)}`);
        await new Promise<void>((r) => this.waiters.push(r));
      }
    } finally {
      clearTimeout(deadline);
    }
  }

  data(id: string): Ev[] {
    return this.messages.filter((m) => m.type === 'data' && m.id === id).map((m) => m.payload!.data!);
  }
  close(): void {
    this.ws.close();
  }
}

const bearer = async (t?: string) => `Bearer ${t ?? (await asAdmin())}`;

describe('legacy subscriptions-transport-ws protocol (subprotocol graphql-ws)', () => {
  it('acks, keeps alive, and delivers a mutation’s event with its entity', async () => {
    const t = await createTree(1, 1);
    const c = await LegacyClient.open(await bearer());
    await c.until(() => c.messages.some((m) => m.type === 'ka'), 'connection_ack and the first ka');
    expect(c.messages.map((m) => m.type)).toEqual(['connection_ack', 'ka']);
    c.send({ id: '1', type: 'start', payload: { query: EVENTS, variables: { types: ['MEMBER_ADMITTED'] } } });
    const m = await admitMember(t.communeOrgs[0].id, 'Phạm Thị Hoa');
    await c.until(() => c.data('1').some((e) => e.events.subjectId === m.id), 'the MEMBER_ADMITTED event');
    expect(c.data('1').find((e) => e.events.subjectId === m.id)!.events).toMatchObject({ type: 'MEMBER_ADMITTED', member: { fullName: 'Phạm Thị Hoa' } });
    c.send({ id: '1', type: 'stop' });
    c.close();
  });

  it('replays from a cursor and scopes an officer to its own subtree', async () => {
    const t = await createTree(2, 1);
    const admin = await LegacyClient.open(await bearer());
    admin.send({ id: 'a', type: 'start', payload: { query: EVENTS, variables: { types: ['MEMBER_ADMITTED'] } } });
    await admin.until(() => admin.messages.some((m) => m.type === 'connection_ack'), 'ack');
    const first = await admitMember(t.communeOrgs[0].id);
    await admin.until(() => admin.data('a').some((e) => e.events.subjectId === first.id), 'the first event');
    const after = admin.data('a').find((e) => e.events.subjectId === first.id)!.events.cursor;
    admin.close();
    const other = await admitMember(t.communeOrgs[0].id);
    const mine = await admitMember(t.communeOrgs[1].id);
    const officer = await LegacyClient.open(await bearer(await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id })));
    officer.send({ id: 'o', type: 'start', payload: { query: EVENTS, variables: { types: ['MEMBER_ADMITTED'], after } } });
    await officer.until(() => officer.data('o').some((e) => e.events.subjectId === mine.id), 'the officer’s replayed event');
    const seen = officer.data('o').map((e) => e.events.subjectId);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(other.id);
    expect(seen).not.toContain(first.id);
    officer.close();
  });

  it('refuses a MEMBER (4403) and a missing token (4401) with a connection_error that says why', async () => {
    const member = await LegacyClient.open(await bearer(await tokenFor({ role: Role.MEMBER, memberId: 'mbr_x' })));
    await member.until(() => member.closeCode !== null, 'close');
    expect(member.closeCode).toBe(4403);
    expect(member.messages[0]).toMatchObject({ type: 'connection_error', payload: { extensions: { code: 'FORBIDDEN' } } });
    const anonymous = await LegacyClient.open(null);
    await anonymous.until(() => anonymous.closeCode !== null, 'close');
    expect(anonymous.closeCode).toBe(4401);
    expect(anonymous.messages[0]).toMatchObject({ type: 'connection_error', payload: { extensions: { code: 'UNAUTHENTICATED' } } });
  });

  it('applies the operation limits and sends queries back to HTTP, each with a code', async () => {
    const c = await LegacyClient.open(await bearer());
    const deep = `subscription { events { member { organization { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } } } }`;
    c.send({ id: 'deep', type: 'start', payload: { query: deep } });
    c.send({ id: 'q', type: 'start', payload: { query: '{ areas { id } }' } });
    c.send({ id: 'bad', type: 'start', payload: { query: EVENTS, variables: { after: 'yesterday' } } });
    await c.until(
      () =>
        ['deep', 'q'].every((id) => c.messages.some((m) => m.type === 'error' && m.id === id)) &&
        c.messages.some((m) => m.id === 'bad' && m.type === 'complete'),
      'the three refusals',
    );
    const err = (id: string) =>
      c.messages.find((m) => m.type === 'error' && m.id === id)!.payload as unknown as { extensions: { code: string; limit?: string } }[];
    expect(err('deep')[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'depth' });
    expect(err('q')[0].extensions.code).toBe('BAD_REQUEST');
    const bad = c.messages.find((m) => m.type === 'data' && m.id === 'bad')!;
    expect(bad.payload!.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    c.close();
  });
});

describe('choosing the protocol', () => {
  it('speaks graphql-ws (graphql-transport-ws) to a client that offers both subprotocols', async () => {
    const ws = new WebSocket(testState().gatewayUrl.replace(/^http/, 'ws'), ['graphql-ws', 'graphql-transport-ws']);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('graphql-transport-ws');
    ws.close();
  });
});

describe('Server-Sent Events (graphql-sse, distinct connections)', () => {
  const streamUrl = () => testState().gatewayUrl.replace(/\/graphql$/, '/graphql/stream');

  /** A graphql-sse client's subscription: what arrived, and a wait for a condition over it (or an error). */
  async function sseSubscription(variables: Record<string, unknown>, token?: string) {
    const client = createSseClient({ url: streamUrl(), headers: { authorization: await bearer(token) }, retryAttempts: 0 });
    const got: Ev[] = [];
    let error: unknown = null;
    let wake: () => void = () => undefined;
    const dispose = client.subscribe<Ev>(
      { query: EVENTS, variables },
      {
        next: (v) => {
          if (v.data) got.push(v.data as Ev);
          if (v.errors) error = v.errors;
          wake();
        },
        error: (e) => {
          error = e;
          wake();
        },
        complete: () => wake(),
      },
    );
    return {
      got,
      async until(pred: (seen: Ev[]) => boolean, ms = 15_000): Promise<void> {
        const deadline = Date.now() + ms;
        while (!pred(got) && error === null && Date.now() < deadline) {
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, 1000);
          });
        }
        expect(error).toBeNull();
        expect(pred(got)).toBe(true);
      },
      close(): void {
        dispose();
        client.dispose();
      },
    };
  }

  it('delivers events to a graphql-sse client with the token in the Authorization header', async () => {
    const t = await createTree(1, 1);
    const sub = await sseSubscription({ types: ['MEMBER_ADMITTED'] });
    const m = await admitMember(t.communeOrgs[0].id, 'Đỗ Văn Nam');
    await sub.until((seen) => seen.some((e) => e.events.subjectId === m.id));
    expect(sub.got.find((e) => e.events.subjectId === m.id)!.events.member).toEqual({ fullName: 'Đỗ Văn Nam' });
    sub.close();
  });

  it('replays from a cursor and scopes an officer to its own subtree, as over WebSocket', async () => {
    const t = await createTree(2, 1);
    const admin = await sseSubscription({ types: ['MEMBER_ADMITTED'] });
    const first = await admitMember(t.communeOrgs[0].id);
    await admin.until((seen) => seen.some((e) => e.events.subjectId === first.id));
    const after = admin.got.find((e) => e.events.subjectId === first.id)!.events.cursor;
    admin.close();
    const other = await admitMember(t.communeOrgs[0].id);
    const mine = await admitMember(t.communeOrgs[1].id);
    const officer = await sseSubscription({ types: ['MEMBER_ADMITTED'], after }, await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id }));
    await officer.until((seen) => seen.some((e) => e.events.subjectId === mine.id));
    const seen = officer.got.map((e) => e.events.subjectId);
    expect(seen).not.toContain(other.id);
    expect(seen).not.toContain(first.id);
    officer.close();
  });

  it('refuses without a token (401), a query (400) and a MEMBER (403), each with a code', async () => {
    const post = async (query: string, authorization?: string) => {
      const res = await fetch(streamUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as { errors: { extensions: { code: string } }[] } };
    };
    const anon = await post(EVENTS);
    expect(anon.status).toBe(401);
    expect(anon.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const query = await post('{ areas { id } }', await bearer());
    expect(query.status).toBe(400);
    expect(query.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const member = await post(EVENTS, await bearer(await tokenFor({ role: Role.MEMBER, memberId: 'mbr_x' })));
    expect(member.status).toBe(403);
    expect(member.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const put = await fetch(streamUrl(), { method: 'PUT', headers: { authorization: await bearer() } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toMatch(/GET.*POST|POST.*GET/);
  });
});
