import { Role } from '@khg/domain';
import { GATEWAY, freePort, startService } from '@khg/stack';
import { admitMember, createTree, graph, subscribe, testState, tokenFor } from '@khg/testing';

interface Ev {
  events: {
    cursor: string;
    type: string;
    subjectId: string;
    areaId: string | null;
    member?: { fullName: string; organization: { id: string; name: string } } | null;
  };
}

const EVENTS = `subscription($types: [EventType!], $areaId: ID, $after: String) {
  events(types: $types, areaId: $areaId, after: $after) {
    cursor type subjectId areaId
    ... on DomainEvent { member { fullName organization { id name } } }
  }
}`;

describe('subscriptions over graphql-ws', () => {
  it('delivers a mutation’s event with its entity resolved through the graph', async () => {
    const t = await createTree(1, 1);
    const sub = await subscribe<Ev>(EVENTS, { types: ['MEMBER_ADMITTED'] });
    const m = await admitMember(t.communeOrgs[0].id, 'Vũ Thị Lan');
    const [e] = await sub.waitFor(1);
    expect(e.events).toMatchObject({
      type: 'MEMBER_ADMITTED',
      subjectId: m.id,
      areaId: t.communes[0].id,
      member: { fullName: 'Vũ Thị Lan', organization: { id: t.communeOrgs[0].id, name: t.communeOrgs[0].name } },
    });
    await sub.close();
  });

  it('filters by type and by area subtree', async () => {
    const t = await createTree(2, 1);
    const inDistrict0 = await subscribe<Ev>(EVENTS, { areaId: t.districts[0].id, types: ['MEMBER_ADMITTED', 'MEMBER_STATUS_CHANGED'] });
    const statusOnly = await subscribe<Ev>(EVENTS, { types: ['MEMBER_STATUS_CHANGED'], areaId: t.province.id });
    const a = await admitMember(t.communeOrgs[0].id);
    await admitMember(t.communeOrgs[1].id);
    await graph(`mutation($m: ID!) { changeMemberStatus(memberId: $m, status: LAPSED) { id } }`, { m: a.id });
    const got = await inDistrict0.waitFor(2);
    expect(got.map((e) => [e.events.type, e.events.subjectId])).toEqual([
      ['MEMBER_ADMITTED', a.id],
      ['MEMBER_STATUS_CHANGED', a.id],
    ]);
    const status = await statusOnly.waitFor(1);
    expect(status[0].events).toMatchObject({ type: 'MEMBER_STATUS_CHANGED', subjectId: a.id });
    // Sentinels written last, in both filters: anything else would have arrived before them.
    const sentinel = await admitMember(t.communeOrgs[0].id);
    await graph(`mutation($m: ID!) { changeMemberStatus(memberId: $m, status: LAPSED) { id } }`, { m: sentinel.id });
    const all = await inDistrict0.waitUntil((e) => e.events.subjectId === sentinel.id && e.events.type === 'MEMBER_STATUS_CHANGED');
    expect(all.map((e) => [e.events.type, e.events.subjectId])).toEqual([
      ['MEMBER_ADMITTED', a.id],
      ['MEMBER_STATUS_CHANGED', a.id],
      ['MEMBER_ADMITTED', sentinel.id],
      ['MEMBER_STATUS_CHANGED', sentinel.id],
    ]);
    const statusAll = await statusOnly.waitUntil((e) => e.events.subjectId === sentinel.id);
    expect(statusAll.map((e) => e.events.subjectId)).toEqual([a.id, sentinel.id]);
    await Promise.all([inDistrict0.close(), statusOnly.close()]);
  });

  it('shows an officer only the events of its own subtree, and refuses a MEMBER', async () => {
    const t = await createTree(2, 1);
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id });
    const sub = await subscribe<Ev>(EVENTS, { types: ['MEMBER_ADMITTED'] }, { token: officer });
    await admitMember(t.communeOrgs[0].id);
    const mine = await admitMember(t.communeOrgs[1].id);
    // Another outside event, then a sentinel inside: only the officer's own came through.
    await admitMember(t.communeOrgs[0].id);
    const sentinel = await admitMember(t.communeOrgs[1].id);
    const got = await sub.waitUntil((e) => e.events.subjectId === sentinel.id);
    expect(got.map((e) => e.events.subjectId)).toEqual([mine.id, sentinel.id]);
    await sub.close();
    const member = await tokenFor({ role: Role.MEMBER, memberId: mine.id });
    const refused = await subscribe<Ev>(EVENTS, {}, { token: member });
    // graphql-ws closes a refused connection with 4403 Forbidden.
    expect(await refused.closed).toMatchObject({ code: 4403 });
    expect(refused.received).toHaveLength(0);
    await refused.close();
  });

  it('replays exactly the events missed while disconnected, in order, then goes live', async () => {
    const t = await createTree(1, 1);
    const first = await subscribe<Ev>(EVENTS, { areaId: t.province.id, types: ['MEMBER_ADMITTED'] });
    await admitMember(t.communeOrgs[0].id);
    const [seen] = await first.waitFor(1);
    await first.close();
    const missed: string[] = [];
    for (let i = 0; i < 100; i++) missed.push((await admitMember(t.communeOrgs[0].id, `Trần Văn ${i}`)).id);
    const resumed = await subscribe<Ev>(EVENTS, { areaId: t.province.id, types: ['MEMBER_ADMITTED'], after: seen.events.cursor });
    const replay = await resumed.waitFor(100, 30_000);
    expect(replay.map((e) => e.events.subjectId)).toEqual(missed);
    expect(replay.map((e) => e.events.member?.fullName)).toEqual(missed.map((_, i) => `Trần Văn ${i}`));
    const cursors = replay.map((e) => BigInt(e.events.cursor));
    expect(cursors.every((c, i) => i === 0 || c > cursors[i - 1])).toBe(true);
    const live = await admitMember(t.communeOrgs[0].id);
    const sentinel = await admitMember(t.communeOrgs[0].id);
    const all = await resumed.waitUntil((e) => e.events.subjectId === sentinel.id);
    expect(all.map((e) => e.events.subjectId)).toEqual([...missed, live.id, sentinel.id]);
    await resumed.close();
  });

  it('loses nothing across a gateway restart', async () => {
    const t = await createTree(1, 1);
    const port = await freePort();
    const env = { ...process.env, ...testState().env };
    let gw = await startService(GATEWAY, port, { env, output: testState().logFile });
    const url = `${gw.url}/graphql`;
    const sub = await subscribe<Ev>(EVENTS, { areaId: t.province.id, types: ['MEMBER_ADMITTED'] }, { url });
    await admitMember(t.communeOrgs[0].id);
    const [last] = await sub.waitFor(1);
    await sub.close();
    await gw.stop();
    const during: string[] = [];
    for (let i = 0; i < 5; i++) during.push((await admitMember(t.communeOrgs[0].id)).id);
    gw = await startService(GATEWAY, port, { env, output: testState().logFile });
    const again = await subscribe<Ev>(EVENTS, { areaId: t.province.id, types: ['MEMBER_ADMITTED'], after: last.events.cursor }, { url });
    const got = await again.waitFor(5);
    expect(got.map((e) => e.events.subjectId)).toEqual(during);
    await again.close();
    await gw.stop();
  });

  it('answers a bad cursor with BAD_USER_INPUT', async () => {
    // subscribe() returns once the server answered: here with the refusal.
    const sub = await subscribe<Ev>(EVENTS, { after: 'yesterday' });
    expect(sub.error).toEqual([
      expect.objectContaining({ message: 'after "yesterday" is not a cursor of this API', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect(sub.received).toHaveLength(0);
    await sub.close();
  });

  it('makes the subscription API discoverable by introspection', async () => {
    const r = await graph(`{ __schema { subscriptionType { name fields { name args { name } } } } }`);
    expect(r.data!.__schema.subscriptionType).toEqual({
      name: 'Subscription',
      fields: [{ name: 'events', args: [{ name: 'types' }, { name: 'areaId' }, { name: 'after' }] }],
    });
  });
});
