import { Role } from '@khg/domain';
import { signInternalCaller } from '@khg/platform';
import { admitMember, asAdmin, countStatements, createArea, createOrganization, graphOk, testState, tokenFor, unique } from '@khg/testing';

const base = () => testState().gatewayUrl.replace(/\/graphql$/, '');
const MEMBERS = 'query($org: ID!) { members(organizationId: $org, first: 100) { totalCount edges { node { id fullName organization { id name } } } } }';

/** One operation over HTTP, with the cache header the gateway answered with. */
async function post(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ cache: string | null; body: { data?: any; errors?: { extensions?: { code?: string } }[] } }> {
  const res = await fetch(testState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? (await asAdmin())}` },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: res.headers.get('x-khg-cache'), body: (await res.json()) as { data?: any } };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${base()}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  if (!line) throw new Error(`${name} is not on /metrics`);
  return Number(line.split(' ')[1]);
}

/**
 * Asks until the answer comes from the cache: the events of the set-up writes reach the gateway a
 * little after their responses, and each one (rightly) invalidates what read that subgraph.
 */
async function untilCached(query: string, variables: Record<string, unknown>, token?: string) {
  for (let i = 0; i < 100; i++) {
    const r = await post(query, variables, token);
    if (r.cache === 'hit') return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('the answer never came from the cache');
}

async function newOrganization() {
  const area = await createArea({ level: 'PROVINCE' });
  return createOrganization({ areaId: area.id });
}

describe('response cache', () => {
  it('answers a repeated query from memory, with no subgraph work, and says so', async () => {
    const org = await newOrganization();
    await admitMember(org.id);
    const first = await untilCached(MEMBERS, { org: org.id });
    const hitsBefore = await metric('khg_response_cache_hits_total');
    let second: Awaited<ReturnType<typeof post>> | null = null;
    const statements = await countStatements(async () => {
      second = await post(MEMBERS, { org: org.id });
    });
    expect(second!.cache).toBe('hit');
    expect(second!.body).toEqual(first.body);
    expect(Object.values(statements).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await metric('khg_response_cache_hits_total')).toBe(hitsBefore + 1);
  });

  it('a mutation through the gateway invalidates before its answer arrives: the next read sees it', async () => {
    const org = await newOrganization();
    await untilCached(MEMBERS, { org: org.id });
    const m = await admitMember(org.id);
    const after = await post(MEMBERS, { org: org.id });
    expect(after.cache).not.toBe('hit');
    expect(after.body.data.members.totalCount).toBe(1);
    expect(after.body.data.members.edges[0].node.id).toBe(m.id);
  });

  it('a write that did not pass through this gateway reaches it through the event log', async () => {
    const org = await newOrganization();
    expect((await untilCached(MEMBERS, { org: org.id })).body.data.members.totalCount).toBe(0);
    // Another replica's write, as membership sees it: straight to the subgraph with a signed caller.
    const caller = await signInternalCaller(testState().internalSecret, { sub: 'other-replica', role: Role.ADMIN });
    const res = await fetch(`${testState().subgraphUrls.membership}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-khg-caller': caller },
      body: JSON.stringify({
        query: 'mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }',
        variables: { i: { organizationId: org.id, fullName: unique('Phạm Thị '), joinedOn: '2017-03-01' } },
      }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    let total = 0;
    for (let i = 0; i < 100 && total === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      total = (await post(MEMBERS, { org: org.id })).body.data.members.totalCount;
    }
    expect(total).toBe(1);
  });

  it('does not keep answers that carry errors', async () => {
    const q = 'query($id: ID!) { organization(id: $id) { id } member(id: $id) { id } }';
    const missing = { id: 'org_doesnotexist000' };
    const first = await post(q, missing);
    const second = await post(q, missing);
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect(second.cache).toBeNull();
    expect(second.body).toEqual(first.body);
  });

  it('never hands one caller’s answer to a caller who may see less', async () => {
    const org = await newOrganization();
    const m = await admitMember(org.id, unique('Trần Văn '), { phone: '0912 111 222', birthYear: 1970 });
    const q = 'query($id: ID!) { member(id: $id) { id phone birthYear } }';
    expect((await untilCached(q, { id: m.id })).body.data.member.phone).toBe('0912 111 222');
    const analyst = await post(q, { id: m.id }, await tokenFor({ role: Role.ANALYST, sub: 'cache-analyst' }));
    expect(analyst.cache).not.toBe('hit');
    expect(analyst.body.data.member.phone).toBeNull();
    const officer = await post(q, { id: m.id }, await tokenFor({ role: Role.OFFICER, sub: 'cache-officer', orgId: org.id }));
    expect(officer.cache).not.toBe('hit');
    expect(officer.body.data.member.phone).toBe('0912 111 222');
  });
});

describe('shared subgraph fetches', () => {
  it('identical reads in flight together cost the subgraph one fetch and each caller gets the whole answer', async () => {
    const org = await newOrganization();
    for (let i = 0; i < 3; i++) await admitMember(org.id);
    const q = `${MEMBERS} # ${unique()}`; // a text nobody cached yet, so all twelve miss together
    const sharedBefore = await metric('khg_subgraph_fetches_shared_total');
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(q, { org: org.id })));
    for (const a of answers) {
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data.members.totalCount).toBe(3);
      expect(a.body.data.members.edges.map((e: { node: { organization: { id: string } } }) => e.node.organization.id)).toEqual([org.id, org.id, org.id]);
    }
    expect(answers.map((a) => JSON.stringify(a.body))).toEqual(Array(12).fill(JSON.stringify(answers[0].body)));
    expect(await metric('khg_subgraph_fetches_shared_total')).toBeGreaterThan(sharedBefore);
  });

  it('never shares a mutation: two identical writes are two writes', async () => {
    const org = await newOrganization();
    const mutation = 'mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }';
    const input = { i: { organizationId: org.id, fullName: 'Đỗ Văn Hai', joinedOn: '2017-03-01' } };
    const [a, b] = await Promise.all([graphOk(mutation, input), graphOk(mutation, input)]);
    expect(a.admitMember.id).not.toBe(b.admitMember.id);
    expect((await graphOk(MEMBERS, { org: org.id })).members.totalCount).toBe(2);
  });
});
