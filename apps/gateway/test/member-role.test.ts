import { randomUUID } from 'node:crypto';
import { Role } from '@khg/domain';
import { admitMember, codes, createTree, graph, graphOk, sql, subscribe, tokenFor, unique, type Tree } from '@khg/testing';

// What a MEMBER may do through the gateway (docs/security.md, "Roles and what each sees"): read the
// non-personal graph and its own record; write nothing, in any subgraph. Each write is refused with
// FORBIDDEN and a message naming the role, leaves no row and no event anywhere, and then succeeds
// with the same input as ADMIN: the refusal came from the role, not from the input.

/** Rows of every subgraph's outbox and of the gateway's webhooks: a refused write adds none. */
async function writes(): Promise<Record<string, number>> {
  const [r] = await sql(`SELECT
    (SELECT count(*) FROM membership.outbox_events)::int AS membership,
    (SELECT count(*) FROM fundraising.outbox_events)::int AS fundraising,
    (SELECT count(*) FROM learning.outbox_events)::int AS learning_models,
    (SELECT count(*) FROM inspections.outbox_events)::int AS inspections,
    (SELECT count(*) FROM plans.outbox_events)::int AS plans,
    (SELECT count(*) FROM events.webhooks)::int AS webhooks`);
  return r as Record<string, number>;
}

describe('the MEMBER role', () => {
  let t: Tree;
  let self: { id: string; fullName: string };
  let member: string;
  let fundId: string;
  let donationId: string;

  beforeAll(async () => {
    t = await createTree(1, 1);
    self = await admitMember(t.communeOrgs[0].id, unique('Phan Văn '), { phone: '0915 000 999', birthYear: 1980 });
    member = await tokenFor({ role: Role.MEMBER, memberId: self.id, sub: `member-${randomUUID()}` });
    fundId = (await graphOk('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', { o: t.communeOrgs[0].id, n: unique('Quỹ ') }))
      .openFund.id;
    donationId = (
      await graphOk('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }', {
        i: {
          fundId,
          donorName: self.fullName,
          donorMemberId: self.id,
          amount: 100_000,
          receivedOn: '2018-05-10',
          method: 'CASH',
          idempotencyKey: randomUUID(),
        },
      })
    ).recordDonation.id;
  });

  it('reads the non-personal graph, its own phone, its own donation and everything held about itself', async () => {
    const r = await graphOk(
      `query($m: ID!, $f: ID!, $d: [ID!]!) {
        areas(level: PROVINCE) { id }
        fund(id: $f) { id balance }
        member(id: $m) { id fullName phone birthYear }
        donationsByIds(ids: $d) { id donorName }
        personalData(memberId: $m) { member { id phone } donations { id } }
      }`,
      { m: self.id, f: fundId, d: [donationId] },
      { token: member },
    );
    expect(r.areas.map((a: { id: string }) => a.id)).toContain(t.province.id);
    expect(r.fund).toEqual({ id: fundId, balance: 100_000 });
    expect(r.member).toEqual({ id: self.id, fullName: self.fullName, phone: '0915 000 999', birthYear: 1980 });
    expect(r.donationsByIds).toEqual([{ id: donationId, donorName: self.fullName }]);
    expect(r.personalData).toEqual({ member: { id: self.id, phone: '0915 000 999' }, donations: [{ id: donationId }] });
  });

  it('may not subscribe to events', async () => {
    const sub = await subscribe('subscription { events { cursor } }', {}, { token: member });
    // graphql-ws closes a refused connection with 4403 Forbidden.
    expect(await sub.closed).toMatchObject({ code: 4403 });
    expect(sub.received).toEqual([]);
    await sub.close();
  });

  it('writes nothing in any subgraph: each write refused, nothing recorded, and the same input accepted from ADMIN', async () => {
    const code = unique('M');
    const cases: { name: string; query: string; variables: () => Record<string, unknown> }[] = [
      {
        name: 'createArea (membership)',
        query: 'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
        variables: () => ({ i: { level: 'PROVINCE', name: `Tỉnh ${code}`, code } }),
      },
      {
        name: 'admitMember into its own organisation (membership)',
        query: 'mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }',
        variables: () => ({ i: { organizationId: t.communeOrgs[0].id, fullName: unique('Lý Thị '), joinedOn: '2017-01-15' } }),
      },
      {
        name: 'changeMemberStatus of itself (membership)',
        query: 'mutation($m: ID!) { changeMemberStatus(memberId: $m, status: LAPSED) { id status } }',
        variables: () => ({ m: self.id }),
      },
      {
        name: 'recordDonation naming itself as donor (fundraising)',
        query: 'mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }',
        variables: () => ({
          i: {
            fundId,
            donorName: self.fullName,
            donorMemberId: self.id,
            amount: 50_000,
            receivedOn: '2018-05-11',
            method: 'CASH',
            idempotencyKey: randomUUID(),
          },
        }),
      },
      {
        name: 'voidDonation of its own gift (fundraising)',
        query: 'mutation($d: ID!) { voidDonation(id: $d, reason: "Tôi muốn huỷ") { id voided } }',
        variables: () => ({ d: donationId }),
      },
      {
        name: 'createCommunityLearningCenter (learning-models)',
        query: 'mutation($a: ID!) { createCommunityLearningCenter(areaId: $a, name: "TTHTCĐ của tôi") { id } }',
        variables: () => ({ a: t.communes[0].id }),
      },
      {
        name: 'registerPolicyDocument (inspections)',
        query: 'mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }',
        variables: () => ({ i: { code: unique('11/CT-'), title: 'Chỉ thị', kind: 'DIRECTIVE', issuer: 'Ban Bí thư', issuedOn: '2007-04-13' } }),
      },
      {
        name: 'registerWebhook (gateway)',
        query: 'mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id } } }',
        variables: () => ({ i: { url: 'http://127.0.0.1:9/member-hook' } }),
      },
      {
        name: 'erasePersonalData of itself (ADMIN only)',
        query: 'mutation($m: ID!) { erasePersonalData(memberId: $m, reason: "Tôi yêu cầu xoá dữ liệu") { id } }',
        variables: () => ({ m: self.id }),
      },
    ];
    expect(cases).toHaveLength(9);
    for (const c of cases) {
      const before = await writes();
      const refused = await graph(c.query, c.variables(), { token: member });
      expect({ name: c.name, codes: codes(refused) }).toEqual({ name: c.name, codes: ['FORBIDDEN'] });
      expect(refused.errors![0].message).toMatch(/MEMBER/);
      expect({ name: c.name, writes: await writes() }).toEqual({ name: c.name, writes: before });
    }
    // The same inputs from ADMIN go through (erasure last: it changes the member the others name).
    for (const c of cases) {
      const r = await graph(c.query, c.variables());
      expect({ name: c.name, errors: r.errors }).toEqual({ name: c.name, errors: undefined });
      // The webhook would be called for every later event of the run: it goes again at once.
      if (r.data?.registerWebhook) await graphOk('mutation($id: ID!) { removeWebhook(id: $id) }', { id: r.data.registerWebhook.webhook.id });
    }
  });
});
