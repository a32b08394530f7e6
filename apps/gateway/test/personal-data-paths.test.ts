import { randomUUID } from 'node:crypto';
import { Role } from '@khg/domain';
import { admitMember, codes, createTree, graph, graphOk, subscribe, tokenFor, unique, type Tree } from '@khg/testing';

// Donor names and phone numbers through every path a reader has (docs/security.md, "Personal data"):
// lists, `…ByIds`, `node(id:)`, subscription payloads, and the gateway's response cache between
// readers who may see different things. Every reader is checked on every path, twice, in an
// interleaved order, so an answer cached for one reader that leaked to another would show.

const WITHHELD = '[personal data withheld]';
const LIST = 'query($f: ID!) { donations(fundId: $f, first: 10) { id donorName } }';
const BY_IDS = 'query($ids: [ID!]!) { donationsByIds(ids: $ids) { id donorName } }';
const NODE_DONATION = 'query($id: ID!) { node(id: $id) { id ... on Donation { donorName } } }';
const MEMBER_PHONE = 'query($id: ID!) { member(id: $id) { id phone } }';
const NODE_MEMBER = 'query($id: ID!) { node(id: $id) { id ... on Member { phone } } }';
const MEMBERS_LIST = 'query($o: ID!) { members(organizationId: $o, first: 10) { edges { node { id phone } } } }';
const RECORD = 'mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }';

type Reader = 'admin' | 'officerAbove' | 'officerBeside' | 'analyst' | 'memberA' | 'memberB';
const READERS: Reader[] = ['memberB', 'memberA', 'officerBeside', 'officerAbove', 'analyst', 'admin'];

describe('personal data through every path', () => {
  let t: Tree;
  let tokens: Record<Reader, string>;
  let fundId: string;
  /** a fund in the subtree of the officer beside, for its sentinel event */
  let besideFundId: string;
  let memberA: { id: string };
  let names: { own: string; person: string; company: string };
  let ids: { own: string; person: string; company: string };
  /** Who may read each donation's donor name. */
  let mayRead: Record<'own' | 'person' | 'company', Reader[]>;

  beforeAll(async () => {
    t = await createTree(2, 1);
    memberA = await admitMember(t.communeOrgs[0].id, unique('Nguyễn Văn '), { phone: '0903 111 222' });
    const memberB = await admitMember(t.communeOrgs[0].id, unique('Đỗ Thị '), { phone: '0903 333 444' });
    tokens = {
      admin: await tokenFor({ role: Role.ADMIN, sub: `admin-${randomUUID()}` }),
      officerAbove: await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[0].id, sub: `above-${randomUUID()}` }),
      officerBeside: await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id, sub: `beside-${randomUUID()}` }),
      analyst: await tokenFor({ role: Role.ANALYST, sub: `analyst-${randomUUID()}` }),
      memberA: await tokenFor({ role: Role.MEMBER, memberId: memberA.id, sub: `a-${randomUUID()}` }),
      memberB: await tokenFor({ role: Role.MEMBER, memberId: memberB.id, sub: `b-${randomUUID()}` }),
    };
    fundId = (await graphOk('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', { o: t.communeOrgs[0].id, n: unique('Quỹ ') }))
      .openFund.id;
    besideFundId = (
      await graphOk('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', { o: t.communeOrgs[1].id, n: unique('Quỹ ') })
    ).openFund.id;
    names = { own: unique('Nguyễn Văn A '), person: unique('Trần Văn '), company: unique('Công ty Sữa ') };
    mayRead = {
      own: ['admin', 'officerAbove', 'memberA'],
      person: ['admin', 'officerAbove'],
      company: READERS,
    };
  });

  async function recordAll() {
    const base = { fundId, amount: 200_000, receivedOn: '2018-05-10', method: 'CASH' };
    const rec = async (extra: Record<string, unknown>) =>
      (await graphOk(RECORD, { i: { ...base, idempotencyKey: randomUUID(), ...extra } })).recordDonation.id as string;
    ids = {
      own: await rec({ donorName: names.own, donorMemberId: memberA.id }),
      person: await rec({ donorName: names.person }),
      company: await rec({ donorName: names.company, donorKind: 'ORGANIZATION' }),
    };
  }

  const expectedName = (which: 'own' | 'person' | 'company', reader: Reader) => (mayRead[which].includes(reader) ? names[which] : WITHHELD);

  it('reaches subscribers of the event with the names each may see, and none with a name it may not', async () => {
    const Q = `subscription { events(types: [DONATION_RECORDED]) { subjectId ... on DomainEvent { donation { id donorName } } } }`;
    type Payload = { events: { subjectId: string; donation: { id: string; donorName: string } } };
    const inScope: Reader[] = ['officerAbove', 'analyst', 'admin'];
    const subs = await Promise.all(inScope.map((r) => subscribe<Payload>(Q, {}, { token: tokens[r] })));
    const beside = await subscribe<Payload>(Q, {}, { token: tokens.officerBeside });
    await recordAll();
    for (const [i, reader] of inScope.entries()) {
      const got = await subs[i].waitUntil((p) => p.events.subjectId === ids.company);
      const mine = got.filter((p) => Object.values(ids).includes(p.events.subjectId));
      expect({ reader, donations: mine.map((p) => p.events.donation) }).toEqual({
        reader,
        donations: [
          { id: ids.own, donorName: expectedName('own', reader) },
          { id: ids.person, donorName: expectedName('person', reader) },
          { id: ids.company, donorName: expectedName('company', reader) },
        ],
      });
      await subs[i].close();
    }
    // The officer beside sees events of its own subtree only: a sentinel there comes, the three before it never do.
    const sentinel = (
      await graphOk(RECORD, {
        i: { fundId: besideFundId, donorName: unique('Lê Thị '), amount: 10_000, receivedOn: '2018-05-12', method: 'CASH', idempotencyKey: randomUUID() },
      })
    ).recordDonation.id as string;
    const seen = await beside.waitUntil((p) => p.events.subjectId === sentinel);
    expect(seen.filter((p) => Object.values(ids).includes(p.events.subjectId))).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(names.own);
    expect(JSON.stringify(seen)).not.toContain(names.person);
    await beside.close();
    // Members may not subscribe at all (member-role.test.ts).
  });

  it('shows each reader the donor names it may see in lists, by ids and through node(id), cached or not', async () => {
    expect(ids).toBeDefined();
    for (const round of [1, 2]) {
      for (const reader of round === 1 ? READERS : [...READERS].reverse()) {
        const token = tokens[reader];
        const list = await graphOk(LIST, { f: fundId }, { token });
        expect(list.donations).toHaveLength(3);
        const listed = new Map((list.donations as { id: string; donorName: string }[]).map((d) => [d.id, d.donorName]));
        const byIds = (await graphOk(BY_IDS, { ids: [ids.own, ids.person, ids.company] }, { token })).donationsByIds as { id: string; donorName: string }[];
        expect(byIds).toHaveLength(3);
        for (const which of ['own', 'person', 'company'] as const) {
          const want = expectedName(which, reader);
          expect({ reader, which, path: 'list', name: listed.get(ids[which]) }).toEqual({ reader, which, path: 'list', name: want });
          expect({ reader, which, path: 'byIds', name: byIds.find((d) => d.id === ids[which])?.donorName }).toEqual({
            reader,
            which,
            path: 'byIds',
            name: want,
          });
          const node = await graphOk(NODE_DONATION, { id: ids[which] }, { token });
          expect({ reader, which, path: 'node', name: node.node?.donorName }).toEqual({ reader, which, path: 'node', name: want });
        }
      }
    }
  });

  it('shows a phone number only to those who may see it, in member(id), node(id) and lists, cached or not', async () => {
    const mayPhone: Reader[] = ['admin', 'officerAbove', 'memberA'];
    for (const round of [1, 2]) {
      for (const reader of round === 1 ? READERS : [...READERS].reverse()) {
        const token = tokens[reader];
        const allowed = mayPhone.includes(reader);
        for (const [path, q] of [
          ['member', MEMBER_PHONE],
          ['node', NODE_MEMBER],
        ] as const) {
          const r = await graph(q, { id: memberA.id }, { token });
          const field = path === 'member' ? r.data!.member : r.data!.node;
          expect({ reader, path, phone: field.phone }).toEqual({ reader, path, phone: allowed ? '0903 111 222' : null });
          expect({ reader, path, codes: codes(r) }).toEqual({ reader, path, codes: allowed ? [] : ['PERSONAL_DATA'] });
        }
        const list = await graph(MEMBERS_LIST, { o: t.communeOrgs[0].id }, { token });
        const a = (list.data!.members.edges as { node: { id: string; phone: string | null } }[]).map((e) => e.node).find((m) => m.id === memberA.id);
        expect({ reader, path: 'list', phone: a?.phone }).toEqual({ reader, path: 'list', phone: allowed ? '0903 111 222' : null });
        expect(JSON.stringify(list.data)).toContain(memberA.id);
        if (!['admin', 'officerAbove', 'memberB'].includes(reader)) expect(JSON.stringify(list.data)).not.toContain('0903 333 444');
      }
    }
  });
});
