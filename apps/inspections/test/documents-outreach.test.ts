import { Role } from '@khg/domain';
import { codes, createTree, graph, graphOk, rowCount, sql, tokenFor, unique, type Tree } from '@khg/testing';
import { outboxCount, registerDocument } from './helpers';

const REGISTER = 'mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id code title kind issuer issuedOn } }';
const SIGN = 'mutation($i: SignCooperationProgramInput!) { signCooperationProgram(input: $i) { id title partner signedOn validUntil } }';
const OUTREACH =
  'mutation($i: RecordOutreachActivityInput!) { recordOutreachActivity(input: $i) { id channel heldOn audience summary organization { id name } documents { id code } } }';

describe('policy documents', () => {
  it('registers a document, finds it by code in any case, and lists by kind', async () => {
    const code = unique('89/QĐ-TTg-');
    const d = await graphOk(REGISTER, {
      i: { code: `  ${code} `, title: 'Đề án xây dựng xã hội học tập', kind: 'DECISION', issuer: 'Thủ tướng Chính phủ', issuedOn: '2013-01-09' },
    });
    expect(d.registerPolicyDocument).toMatchObject({ code, kind: 'DECISION', issuedOn: '2013-01-09' });
    const byCode = await graphOk('query($c: String!) { policyDocument(code: $c) { id } }', { c: code.toLowerCase() });
    expect(byCode.policyDocument).toEqual({ id: d.registerPolicyDocument.id });
    const list = await graphOk('{ policyDocuments(kind: DECISION) { id kind } }');
    expect(list.policyDocuments).toContainEqual({ id: d.registerPolicyDocument.id, kind: 'DECISION' });
    expect(list.policyDocuments.every((x: { kind: string }) => x.kind === 'DECISION')).toBe(true);
    const [ev] = await sql('SELECT type, payload FROM inspections.outbox_events WHERE subject_id = $1', [d.registerPolicyDocument.id]);
    expect(ev).toEqual({ type: 'POLICY_DOCUMENT_REGISTERED', payload: { code, kind: 'DECISION' } });
  });

  it('refuses a duplicate code (ignoring case) with CONFLICT naming the existing document, and writes nothing', async () => {
    const first = await registerDocument({ code: unique('Đ-CT/TU-') });
    const before = await outboxCount();
    const r = await graph(REGISTER, { i: { code: first.code.toLowerCase(), title: 'Trùng', kind: 'DIRECTIVE', issuer: 'Tỉnh ủy' } });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].message).toContain(first.code);
    expect(r.errors![0].message).toContain(first.id);
    expect(r.errors![0].extensions?.existingId).toBe(first.id);
    expect(await rowCount('inspections.policy_documents', 'lower(code) = lower($1)', [first.code])).toBe(1);
    expect(await outboxCount()).toBe(before);
  });

  it('lets only ADMIN register, and refuses empty or future fields', async () => {
    const tree = await createTree(1, 1);
    const officer = await tokenFor({ role: Role.OFFICER, orgId: tree.provinceOrg.id });
    const code = unique('X-');
    const f = await graph(REGISTER, { i: { code, title: 't', kind: 'PLAN', issuer: 'UBND' } }, { token: officer });
    expect(codes(f)).toEqual(['FORBIDDEN']);
    expect(codes(await graph(REGISTER, { i: { code: '  ', title: 't', kind: 'PLAN', issuer: 'UBND' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(REGISTER, { i: { code, title: 't', kind: 'PLAN', issuer: 'UBND', issuedOn: '2999-01-01' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(REGISTER, { i: { code, title: 't', kind: 'PLAN', issuer: 'UBND', issuedOn: '2014-02-30' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('inspections.policy_documents', 'code = $1', [code])).toBe(0);
  });
});

describe('cooperation programmes', () => {
  it('signs a programme (ADMIN) and lists those in force on a day', async () => {
    const partner = unique('Sở Khoa học và Công nghệ ');
    const a = (await graphOk(SIGN, { i: { title: 'Phối hợp 2017–2020', partner: ` ${partner} `, signedOn: '2017-03-20', validUntil: '2020-12-31' } }))
      .signCooperationProgram;
    expect(a).toMatchObject({ partner, signedOn: '2017-03-20', validUntil: '2020-12-31' });
    const b = (await graphOk(SIGN, { i: { title: 'Phối hợp 2021–2025', partner, signedOn: '2021-01-15' } })).signCooperationProgram;
    const q = 'query($p: String, $on: Date) { cooperationPrograms(partner: $p, activeOn: $on) { id } }';
    expect((await graphOk(q, { p: partner })).cooperationPrograms).toEqual([{ id: a.id }, { id: b.id }]);
    expect((await graphOk(q, { p: partner, on: '2018-06-01' })).cooperationPrograms).toEqual([{ id: a.id }]);
    expect((await graphOk(q, { p: partner, on: '2022-06-01' })).cooperationPrograms).toEqual([{ id: b.id }]);
    expect((await graphOk('{ cooperationPrograms { id } }')).cooperationPrograms).toEqual(expect.arrayContaining([{ id: a.id }, { id: b.id }]));
    expect(await outboxCount(`type = 'COOPERATION_PROGRAM_SIGNED' AND subject_id = $1`, [a.id])).toBe(1);
  });

  it('refuses a non-admin and a programme valid until before it was signed', async () => {
    const partner = unique('Sở Y tế ');
    const officer = await tokenFor({ role: Role.OFFICER, orgId: 'org_0190a1b2-0000-7000-8000-000000000000' });
    const before = await outboxCount();
    expect(codes(await graph(SIGN, { i: { title: 't', partner, signedOn: '2018-01-01' } }, { token: officer }))).toEqual(['FORBIDDEN']);
    const r = await graph(SIGN, { i: { title: 't', partner, signedOn: '2018-01-01', validUntil: '2017-12-31' } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toContain('validUntil');
    expect(await rowCount('inspections.cooperation_programs', 'partner = $1', [partner])).toBe(0);
    expect(await outboxCount()).toBe(before);
  });
});

describe('outreach activities', () => {
  let tree: Tree;
  let docs: { id: string; code: string }[];
  beforeAll(async () => {
    tree = await createTree(2, 1);
    docs = [await registerDocument(), await registerDocument()];
  });

  it('records an activity with its documents and audience, in the organisation’s area, and queries by year, organisation and document', async () => {
    const org = tree.districtOrgs[0];
    const officer = await tokenFor({ role: Role.OFFICER, orgId: org.id });
    const a = (
      await graphOk(
        OUTREACH,
        {
          i: {
            organizationId: org.id,
            documentIds: [docs[1].id, docs[0].id],
            channel: 'MEETING',
            heldOn: '2018-03-08',
            audience: 250,
            summary: ' Hội nghị quán triệt ',
          },
        },
        { token: officer },
      )
    ).recordOutreachActivity;
    expect(a).toMatchObject({
      channel: 'MEETING',
      heldOn: '2018-03-08',
      audience: 250,
      summary: 'Hội nghị quán triệt',
      organization: { id: org.id, name: org.name },
      documents: [{ id: docs[1].id }, { id: docs[0].id }],
    });
    const b = (await graphOk(OUTREACH, { i: { organizationId: org.id, documentIds: [docs[0].id], channel: 'MEDIA', heldOn: '2019-04-15', audience: 20000 } }))
      .recordOutreachActivity;
    const [ev] = await sql('SELECT type, area_id FROM inspections.outbox_events WHERE subject_id = $1', [a.id]);
    expect(ev).toEqual({ type: 'OUTREACH_ACTIVITY_RECORDED', area_id: tree.districts[0].id });
    const q = 'query($y: Int, $o: ID, $d: ID) { outreachActivities(year: $y, organizationId: $o, documentId: $d) { id } }';
    expect((await graphOk(q, { o: org.id })).outreachActivities).toEqual([{ id: b.id }, { id: a.id }]);
    expect((await graphOk(q, { o: org.id, y: 2018 })).outreachActivities).toEqual([{ id: a.id }]);
    expect((await graphOk(q, { d: docs[1].id })).outreachActivities).toEqual([{ id: a.id }]);
    expect((await graphOk(q, { y: 2019 })).outreachActivities).toContainEqual({ id: b.id });
  });

  it('refuses an officer outside the organisation’s subtree, bad input and unknown documents, writing nothing', async () => {
    const org = tree.districtOrgs[1];
    const outsider = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[0].id });
    const input = { organizationId: org.id, documentIds: [docs[0].id], channel: 'TRAINING', heldOn: '2018-06-12', audience: 120 };
    const before = await outboxCount();
    expect(codes(await graph(OUTREACH, { i: input }, { token: outsider }))).toEqual(['FORBIDDEN']);
    expect(codes(await graph(OUTREACH, { i: { ...input, audience: -1 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(OUTREACH, { i: { ...input, documentIds: [] } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(OUTREACH, { i: { ...input, heldOn: '2999-01-01' } }))).toEqual(['BAD_USER_INPUT']);
    const unknownDoc = 'doc_0190a1b2-0000-7000-8000-000000000000';
    const r = await graph(OUTREACH, { i: { ...input, documentIds: [docs[0].id, unknownDoc] } });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.errors![0].message).toContain(unknownDoc);
    expect(codes(await graph(OUTREACH, { i: { ...input, organizationId: 'org_0190a1b2-0000-7000-8000-000000000001' } }))).toEqual(['NOT_FOUND']);
    expect(await rowCount('inspections.outreach_activities', 'organization_id = $1', [org.id])).toBe(0);
    expect(await outboxCount()).toBe(before);
  });
});
