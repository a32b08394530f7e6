import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Role } from '@khg/domain';
import { GATEWAY, freePort, startService, type RunningService } from '@khg/stack';
import { admitMember, createTree, testState, tokenFor, type Tree } from '@khg/testing';
import { createGraphClient, LiveEventsDocument, MemberSearchDocument, ProvinceDashboardDocument, type GraphClient, type LiveEventsSubscription } from '../src';

/**
 * The trusted documents the build writes are what the gateway accepts: a gateway of its own with
 * SAFELIST_PATH on packages/client/trusted-documents.json runs each generated operation for a
 * safelisted role (by hash alone, as the client sends it), and refuses anything else.
 */
const TRUSTED = join(__dirname, '..', 'trusted-documents.json');
const manifest = JSON.parse(readFileSync(TRUSTED, 'utf8')) as Record<string, string>;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('trusted documents at a safelisting gateway', () => {
  let gw: RunningService;
  let url: string;
  let token: string;
  let tree: Tree;
  let client: GraphClient;
  const post = async (body: unknown): Promise<Answer> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const today = new Date().toISOString().slice(0, 10);
  const year = new Date().getFullYear();

  beforeAll(async () => {
    gw = await startService(GATEWAY, await freePort(), {
      env: { ...process.env, ...testState().env, SAFELIST_PATH: TRUSTED, SAFELIST_ROLES: 'DEPARTMENT,ANALYST' },
      output: testState().logFile,
    });
    url = `${gw.url}/graphql`;
    token = await tokenFor({ role: Role.ANALYST, sub: 'trusted-documents-test' });
    tree = await createTree(2, 1);
    client = createGraphClient({ url, token: () => token, webSocketImpl: WebSocket });
  });
  afterAll(async () => {
    await client?.close();
    await gw?.stop();
  });

  it('holds one entry per document, each the sha256 the generated operation carries', () => {
    const generated = [ProvinceDashboardDocument, MemberSearchDocument, LiveEventsDocument].map((d) => d.__meta__?.sha256Hash);
    expect(Object.keys(manifest).sort()).toEqual([...generated].sort());
  });

  it('runs each trusted document sent by its hash alone, for a safelisted role', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      ProvinceDashboard: { code: tree.province.code, on: today, year },
      MemberSearch: { search: 'nguyen' },
    };
    for (const [sha256Hash, text] of Object.entries(manifest)) {
      const name = /^(?:query|subscription) (\w+)/.exec(text)![1];
      if (text.startsWith('subscription')) continue; // subscriptions go over WebSocket, below
      const r = await post({ variables: variables[name], extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect({ name, status: r.status, codes: (r.body.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ name, status: 200, codes: [] });
      expect(r.body.data).toBeTruthy();
    }
  });

  it('runs a trusted document by its hash alone over GET too', async () => {
    const [sha256Hash] = Object.entries(manifest).find(([, text]) => text.startsWith('query MemberSearch'))!;
    const params = new URLSearchParams({
      variables: JSON.stringify({ search: 'nguyen' }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
    });
    const res = await fetch(`${url}?${params}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Answer['body'];
    expect({ status: res.status, errors: body.errors ?? [] }).toEqual({ status: 200, errors: [] });
    expect(body.data).toHaveProperty('members.totalCount');
  });

  it('answers the typed client: the dashboard of a province, member search', async () => {
    const dashboard = await client.query(ProvinceDashboardDocument, { code: tree.province.code, on: today, year });
    expect(dashboard.area?.children.map((d) => d.name).sort()).toEqual(tree.districts.map((d) => d.name).sort());
    expect(dashboard.area?.children[0].learningModels.map((m) => m.kind).sort()).toEqual(['CITIZEN', 'CLAN', 'COMMUNITY', 'FAMILY', 'UNIT']);
    const found = await client.query(MemberSearchDocument, { search: 'zzz-nobody-by-this-name' });
    expect(found.members.totalCount).toBe(0);
  });

  it('refuses an operation that is not in the list, by text or by an unknown hash', async () => {
    const other = await post({ query: '{ areas(level: PROVINCE) { id name } }' });
    expect(other.status).toBe(403);
    expect(other.body.errors![0].extensions!.code).toBe('OPERATION_NOT_REGISTERED');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(unknown.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('delivers the live event feed to the typed subscription', async () => {
    const received: LiveEventsSubscription[] = [];
    let subscribed!: () => void;
    const failed = new Promise<never>((_, reject) => {
      subscribed = client.subscribe(LiveEventsDocument, { types: ['MEMBER_ADMITTED'] }, { next: (e) => received.push(e), error: reject });
    });
    // Without `after` the feed starts when the subscription is live, which the client does not
    // announce: admit members until one of them arrives (the first one usually does).
    const admitted: string[] = [];
    const arrived = (async () => {
      while (!received.some((e) => admitted.includes(e.events.subjectId))) {
        admitted.push((await admitMember(tree.communeOrgs[0].id)).id);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.race([arrived, failed]);
    subscribed();
    const event = received.find((e) => admitted.includes(e.events.subjectId))!.events;
    expect(event.type).toBe('MEMBER_ADMITTED');
    // The entity fields resolve for a safelisted role: the gateway's own entity fetch is not held to the list.
    expect(event.member?.organization.name).toBe(tree.communeOrgs[0].name);
  });
});
