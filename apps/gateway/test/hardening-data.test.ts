import { randomUUID } from 'node:crypto';
import { Role } from '@khg/domain';
import { admitMember, codes, createTree, graph, graphOk, tokenFor, unique } from '@khg/testing';

const MEMBER = 'query($id: ID!) { member(id: $id) { id fullName phone birthYear } }';

describe('personal data', () => {
  it('withholds phone and birth year from ANALYST and DEPARTMENT, with a PERSONAL_DATA error', async () => {
    const t = await createTree(1, 1);
    const m = await admitMember(t.communeOrgs[0].id, unique('Trần Thị '), { phone: '0912 345 678', birthYear: 1960 });
    for (const role of [Role.ANALYST, Role.DEPARTMENT]) {
      const r = await graph(MEMBER, { id: m.id }, { token: await tokenFor({ role }) });
      expect(r.data!.member).toMatchObject({ id: m.id, fullName: m.fullName, phone: null, birthYear: null });
      expect(codes(r).sort()).toEqual(['PERSONAL_DATA', 'PERSONAL_DATA']);
      expect(JSON.stringify(r)).not.toContain('0912');
    }
    const admin = await graphOk(MEMBER, { id: m.id });
    expect(admin.member).toMatchObject({ phone: '0912 345 678', birthYear: 1960 });
  });

  it('shows officers those of their own subtree only, and a MEMBER its own record', async () => {
    const t = await createTree(2, 1);
    const m = await admitMember(t.communeOrgs[0].id, unique('Lê Văn '), { phone: '0987 000 111', birthYear: 1975 });
    const above = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[0].id });
    const beside = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id });
    expect((await graphOk(MEMBER, { id: m.id }, { token: above })).member.phone).toBe('0987 000 111');
    const refused = await graph(MEMBER, { id: m.id }, { token: beside });
    expect(refused.data!.member.phone).toBeNull();
    expect(codes(refused)).toContain('PERSONAL_DATA');
    const self = await tokenFor({ role: Role.MEMBER, memberId: m.id });
    expect((await graphOk(MEMBER, { id: m.id }, { token: self })).member.birthYear).toBe(1975);
    const other = await tokenFor({ role: Role.MEMBER, memberId: (await admitMember(t.communeOrgs[0].id)).id });
    expect(codes(await graph(MEMBER, { id: m.id }, { token: other }))).toContain('PERSONAL_DATA');
  });

  it('withholds individual donors’ names from ANALYST and DEPARTMENT', async () => {
    const t = await createTree(1, 1);
    const fund = (await graphOk(`mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }`, { o: t.provinceOrg.id, n: unique('Quỹ ') }))
      .openFund;
    const donorName = unique('Phạm Văn ');
    const d = (
      await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id donorName } }`, {
        i: { fundId: fund.id, donorName, amount: 500000, receivedOn: '2018-05-10', method: 'CASH', idempotencyKey: randomUUID() },
      })
    ).recordDonation;
    expect(d.donorName).toBe(donorName);
    const Q = 'query($ids: [ID!]!) { donationsByIds(ids: $ids) { id amount donorName } }';
    for (const role of [Role.ANALYST, Role.DEPARTMENT]) {
      const seen = await graphOk(Q, { ids: [d.id] }, { token: await tokenFor({ role }) });
      expect(seen.donationsByIds).toEqual([{ id: d.id, amount: 500000, donorName: '[personal data withheld]' }]);
    }
    const officer = await graphOk(Q, { ids: [d.id] }, { token: await tokenFor({ role: Role.OFFICER, orgId: t.provinceOrg.id }) });
    expect(officer.donationsByIds[0].donorName).toBe(donorName);
  });
});

describe('audit trail', () => {
  it('records an officer’s write with its actor, queryable by ADMIN by entity, actor and time', async () => {
    const t = await createTree(1, 1);
    const sub = `officer-${randomUUID()}`;
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.provinceOrg.id, sub });
    const before = new Date(Date.now() - 1000).toISOString();
    const m = await admitMember(t.communeOrgs[0].id, unique('Hoàng Văn '), {}, officer);
    await graphOk('mutation($id: ID!) { changeMemberStatus(memberId: $id, status: LAPSED) { id } }', { id: m.id }, { token: officer });
    const Q = `query($e: ID, $a: String, $f: DateTime, $t: DateTime) { membershipAuditTrail(entityId: $e, actor: $a, from: $f, to: $t) {
      service type entityId actorSub actorRole actorOrgId at changes } }`;
    const byEntity = (await graphOk(Q, { e: m.id })).membershipAuditTrail;
    expect(byEntity.map((e: { type: string }) => e.type)).toEqual(['MEMBER_STATUS_CHANGED', 'MEMBER_ADMITTED']);
    expect(byEntity[1]).toMatchObject({ service: 'membership', entityId: m.id, actorSub: sub, actorRole: 'OFFICER', actorOrgId: t.provinceOrg.id });
    const byActor = (await graphOk(Q, { a: sub, f: before })).membershipAuditTrail;
    expect(byActor).toHaveLength(2);
    const none = (await graphOk(Q, { a: sub, t: before })).membershipAuditTrail;
    expect(none).toHaveLength(0);
    const refused = await graph(Q, { e: m.id }, { token: officer });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
  });

  it('records nothing for a refused write', async () => {
    const t = await createTree(2, 1);
    const sub = `officer-${randomUUID()}`;
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[0].id, sub });
    const r = await graph(
      'mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }',
      { i: { organizationId: t.communeOrgs[1].id, fullName: 'Ngô Văn B', joinedOn: '2017-01-15' } },
      { token: officer },
    );
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect((await graphOk('query($a: String) { membershipAuditTrail(actor: $a) { seq } }', { a: sub })).membershipAuditTrail).toHaveLength(0);
  });

  it('composes one trail field per subgraph, each answering with its own service’s writes', async () => {
    const t = await createTree(1, 1);
    const sub = `admin-${randomUUID()}`;
    const admin = await tokenFor({ role: Role.ADMIN, sub });
    const fund = (
      await graphOk(
        'mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }',
        { o: t.provinceOrg.id, n: unique('Quỹ ') },
        { token: admin },
      )
    ).openFund;
    const [entry] = (
      await graphOk(
        'mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }',
        { i: [{ kind: 'FAMILY', name: 'Gia đình thử', areaId: t.communes[0].id, year: 2018 }] },
        { token: admin },
      )
    ).registerLearningModels;
    const doc = (
      await graphOk(
        'mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }',
        { i: { code: unique('CT-'), title: 'Chỉ thị thử', kind: 'DIRECTIVE', issuer: 'Tỉnh ủy', issuedOn: '2011-07-27' } },
        { token: admin },
      )
    ).registerPolicyDocument;
    const d = await graphOk(
      `query($a: String) { fundraisingAuditTrail(actor: $a) { service entityId } learningModelsAuditTrail(actor: $a) { service entityId }
      inspectionsAuditTrail(actor: $a) { service entityId } }`,
      { a: sub },
    );
    expect(d).toEqual({
      fundraisingAuditTrail: [{ service: 'fundraising', entityId: fund.id }],
      learningModelsAuditTrail: [{ service: 'learning-models', entityId: entry.id }],
      inspectionsAuditTrail: [{ service: 'inspections', entityId: doc.id }],
    });
  });
});
