import { Role } from '@khg/domain';
import { codes, countStatements, createTree, graph, graphOk, rowCount, sql, tokenFor, unique, type Tree } from '@khg/testing';
import { CANCEL, COMPLETE, FINDING, INSPECTION_FIELDS, RECOMMEND, START, outboxCount, planInput, planInspection, registerDocument } from './helpers';

let tree: Tree;
let doc: { id: string; code: string };
let doc2: { id: string; code: string };

beforeAll(async () => {
  tree = await createTree(2, 1);
  doc = await registerDocument({ kind: 'DIRECTIVE' });
  doc2 = await registerDocument({ kind: 'DECISION' });
});

const plan = (extra: Partial<Parameters<typeof planInput>[0]> = {}, token?: string) =>
  planInspection({ leadId: tree.provinceOrg.id, subjectIds: tree.districtOrgs.map((o) => o.id), documentIds: [doc.id], ...extra }, token);

type Status = 'PLANNED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
type Action = 'start' | 'complete' | 'cancel' | 'recordFinding' | 'recommend';

/** A fresh inspection driven to `status` along allowed transitions. */
async function inspectionIn(status: Status): Promise<string> {
  const { id } = await plan();
  if (status === 'IN_PROGRESS' || status === 'COMPLETED') await graphOk(START, { id });
  if (status === 'COMPLETED') await graphOk(COMPLETE, { id });
  if (status === 'CANCELLED') await graphOk(CANCEL, { id, r: 'Trùng lịch với đợt kiểm tra của tỉnh' });
  return id;
}

function act(action: Action, id: string, token?: string) {
  switch (action) {
    case 'start':
      return graph(START, { id }, { token });
    case 'complete':
      return graph(COMPLETE, { id }, { token });
    case 'cancel':
      return graph(CANCEL, { id, r: 'Hoãn theo chỉ đạo' }, { token });
    case 'recordFinding':
      return graph(FINDING, { id, s: 'MINOR', t: 'Chưa có sổ theo dõi hội viên' }, { token });
    case 'recommend':
      return graph(RECOMMEND, { id, t: 'Lập sổ theo dõi hội viên', r: tree.districtOrgs[0].id, d: '2018-12-31' }, { token });
  }
}

// The whole machine: what each action does from each status (a status, or CONFLICT).
const TABLE: Record<Status, Record<Action, Status | 'CONFLICT'>> = {
  PLANNED: { start: 'IN_PROGRESS', complete: 'CONFLICT', cancel: 'CANCELLED', recordFinding: 'CONFLICT', recommend: 'CONFLICT' },
  IN_PROGRESS: { start: 'CONFLICT', complete: 'COMPLETED', cancel: 'CANCELLED', recordFinding: 'IN_PROGRESS', recommend: 'IN_PROGRESS' },
  COMPLETED: { start: 'CONFLICT', complete: 'CONFLICT', cancel: 'CONFLICT', recordFinding: 'CONFLICT', recommend: 'CONFLICT' },
  CANCELLED: { start: 'CONFLICT', complete: 'CONFLICT', cancel: 'CONFLICT', recordFinding: 'CONFLICT', recommend: 'CONFLICT' },
};
const CASES = (Object.keys(TABLE) as Status[]).flatMap((s) => (Object.keys(TABLE[s]) as Action[]).map((a) => [s, a, TABLE[s][a]] as const));

describe('inspection state machine', () => {
  it.each(CASES)('from %s, %s gives %s', async (status, action, expected) => {
    const id = await inspectionIn(status);
    const events = await outboxCount('subject_id = $1', [id]);
    const findings = await rowCount('inspections.findings', 'inspection_id = $1', [id]);
    const recs = await rowCount('inspections.recommendations', 'inspection_id = $1', [id]);
    const r = await act(action, id);
    const after = await sql<{ status: string }>('SELECT status FROM inspections.inspections WHERE id = $1', [id]);
    if (expected === 'CONFLICT') {
      expect(codes(r)).toEqual(['CONFLICT']);
      expect(r.errors![0].message).toContain(status);
      expect(r.errors![0].extensions?.currentStatus).toBe(status);
      expect(after[0].status).toBe(status);
      expect(await outboxCount('subject_id = $1', [id])).toBe(events);
      expect(await rowCount('inspections.findings', 'inspection_id = $1', [id])).toBe(findings);
      expect(await rowCount('inspections.recommendations', 'inspection_id = $1', [id])).toBe(recs);
    } else {
      expect(r.errors).toBeUndefined();
      expect(after[0].status).toBe(expected);
      const [ev] = await sql<{ type: string; area_id: string; status: string }>(
        `SELECT type, area_id, payload->>'status' AS status FROM inspections.outbox_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1`,
        [id],
      );
      expect(ev).toEqual({ type: 'INSPECTION_CHANGED', area_id: tree.province.id, status: expected });
      if (action === 'recordFinding') expect(await rowCount('inspections.findings', 'inspection_id = $1', [id])).toBe(findings + 1);
      if (action === 'recommend') {
        expect(await rowCount('inspections.recommendations', 'inspection_id = $1', [id])).toBe(recs + 1);
        expect(await outboxCount(`type = 'RECOMMENDATION_CHANGED' AND payload->>'inspectionId' = $1`, [id])).toBe(1);
      }
    }
  });

  it('records what a completion and a cancellation say', async () => {
    const done = await inspectionIn('IN_PROGRESS');
    const c = await graphOk(COMPLETE, { id: done });
    expect(c.completeInspection.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const planned = await inspectionIn('PLANNED');
    const r = await graph(CANCEL, { id: planned, r: '   ' });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const x = await graphOk(CANCEL, { id: planned, r: '  Hoãn sang quý IV  ' });
    expect(x.cancelInspection).toEqual({ id: planned, status: 'CANCELLED', cancelReason: 'Hoãn sang quý IV' });
  });
});

describe('planning an inspection', () => {
  it('plans with trimmed, de-duplicated partners and reads back documents, findings and recommendations in order', async () => {
    const { id } = await plan({
      documentIds: [doc2.id, doc.id, doc2.id],
      partners: ['  Sở Giáo dục và Đào tạo ', 'Sở Nội vụ', 'sở giáo dục và đào tạo'],
      startsOn: '2018-09-10',
      endsOn: null,
    });
    await graphOk(START, { id });
    await graphOk(FINDING, { id, s: 'INFO', t: 'Có kế hoạch thực hiện' });
    await graphOk(FINDING, { id, s: 'MAJOR', t: 'Quỹ bình quân thấp' });
    await graphOk(RECOMMEND, { id, t: 'Vận động tăng quỹ', r: tree.districtOrgs[1].id, d: '2019-06-30' });
    const d = await graphOk(`query($id: ID!) { inspection(id: $id) { ${INSPECTION_FIELDS} } }`, { id });
    expect(d.inspection).toMatchObject({
      status: 'IN_PROGRESS',
      startsOn: '2018-09-10',
      endsOn: null,
      partners: ['Sở Giáo dục và Đào tạo', 'Sở Nội vụ'],
      lead: { id: tree.provinceOrg.id },
      subjects: tree.districtOrgs.map((o) => ({ id: o.id })),
      documents: [
        { id: doc2.id, code: doc2.code },
        { id: doc.id, code: doc.code },
      ],
      findings: [
        { severity: 'INFO', summary: 'Có kế hoạch thực hiện' },
        { severity: 'MAJOR', summary: 'Quỹ bình quân thấp' },
      ],
      recommendations: [{ text: 'Vận động tăng quỹ', status: 'OPEN', dueOn: '2019-06-30', responsible: { id: tree.districtOrgs[1].id } }],
    });
  });

  it.each([
    ['endsOn before startsOn', { startsOn: '2018-05-14', endsOn: '2018-05-01' }, 'BAD_USER_INPUT', 'endsOn'],
    ['no document', { documentIds: [] }, 'BAD_USER_INPUT', 'documentIds'],
    ['no subject', { subjectIds: [] }, 'BAD_USER_INPUT', 'subjectIds'],
    ['an empty partner', { partners: ['Sở Y tế', '  '] }, 'BAD_USER_INPUT', 'partners[1]'],
    ['a malformed lead id', { leadId: 'org_x' }, 'BAD_USER_INPUT', 'leadId'],
    ['a document id of another type', { documentIds: ['org_0190a1b2-0000-7000-8000-000000000000'] }, 'BAD_USER_INPUT', 'documentIds'],
    ['an unknown lead', { leadId: 'org_0190a1b2-0000-7000-8000-000000000001' }, 'NOT_FOUND', 'org_0190a1b2-0000-7000-8000-000000000001'],
    ['an unknown subject', { subjectIds: ['org_0190a1b2-0000-7000-8000-000000000002'] }, 'NOT_FOUND', 'org_0190a1b2-0000-7000-8000-000000000002'],
    ['an unknown document', { documentIds: ['doc_0190a1b2-0000-7000-8000-000000000003'] }, 'NOT_FOUND', 'doc_0190a1b2-0000-7000-8000-000000000003'],
  ])('refuses %s and writes nothing', async (_name, extra, code, named) => {
    const title = unique('Bị từ chối ');
    const before = await outboxCount();
    const r = await graph('mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id } }', {
      i: planInput({ leadId: tree.provinceOrg.id, subjectIds: [tree.districtOrgs[0].id], documentIds: [doc.id], title, ...extra }),
    });
    expect(codes(r)).toEqual([code]);
    expect(r.errors![0].message).toContain(named);
    expect(await rowCount('inspections.inspections', 'title = $1', [title])).toBe(0);
    expect(await outboxCount()).toBe(before);
  });

  it('emits INSPECTION_CHANGED in the lead organisation’s area', async () => {
    const { id } = await plan({ leadId: tree.districtOrgs[0].id, subjectIds: [tree.communeOrgs[0].id] });
    const rows = await sql('SELECT type, area_id, payload FROM inspections.outbox_events WHERE subject_id = $1', [id]);
    expect(rows).toEqual([{ type: 'INSPECTION_CHANGED', area_id: tree.districts[0].id, payload: { status: 'PLANNED', change: 'PLANNED' } }]);
  });
});

describe('who may write on an inspection', () => {
  it('lets an officer plan only within its subtree, and leaves no row or event when refused', async () => {
    const districtOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[0].id });
    const own = await plan({ leadId: tree.districtOrgs[0].id, subjectIds: [tree.communeOrgs[0].id] }, districtOfficer);
    expect(own.status).toBe('PLANNED');
    const title = unique('Ngoài phạm vi ');
    const before = await outboxCount();
    const r = await graph(
      'mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id } }',
      {
        i: planInput({ leadId: tree.provinceOrg.id, subjectIds: [tree.districtOrgs[0].id], documentIds: [doc.id], title }),
      },
      { token: districtOfficer },
    );
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await rowCount('inspections.inspections', 'title = $1', [title])).toBe(0);
    expect(await outboxCount()).toBe(before);
    const analyst = await tokenFor({ role: Role.ANALYST });
    const a = await graph(
      'mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id } }',
      {
        i: planInput({ leadId: tree.provinceOrg.id, subjectIds: [tree.districtOrgs[0].id], documentIds: [doc.id] }),
      },
      { token: analyst },
    );
    expect(codes(a)).toEqual(['FORBIDDEN']);
  });

  it('lets the lead decide every later write: an officer of a subject, outside the lead’s subtree, is FORBIDDEN', async () => {
    // led by district 0, inspecting district 1's association
    const { id } = await plan({ leadId: tree.districtOrgs[0].id, subjectIds: [tree.districtOrgs[1].id] });
    const subjectOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[1].id });
    const leadOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[0].id });
    const provinceOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.provinceOrg.id });
    const communeOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.communeOrgs[0].id });
    const before = await outboxCount('subject_id = $1', [id]);
    for (const token of [subjectOfficer, communeOfficer]) {
      expect(codes(await act('start', id, token))).toEqual(['FORBIDDEN']);
      expect(codes(await act('cancel', id, token))).toEqual(['FORBIDDEN']);
    }
    expect(await outboxCount('subject_id = $1', [id])).toBe(before);
    expect((await act('start', id, leadOfficer)).errors).toBeUndefined();
    for (const action of ['recordFinding', 'recommend', 'complete', 'cancel'] as const) {
      expect(codes(await act(action, id, subjectOfficer))).toEqual(['FORBIDDEN']);
    }
    expect(await rowCount('inspections.findings', 'inspection_id = $1', [id])).toBe(0);
    expect((await act('recordFinding', id, provinceOfficer)).errors).toBeUndefined();
    expect((await act('recommend', id, leadOfficer)).errors).toBeUndefined();
    expect((await act('complete', id, leadOfficer)).data).toMatchObject({ completeInspection: { status: 'COMPLETED' } });
  });

  it('answers an unknown inspection with NOT_FOUND and a malformed id with BAD_USER_INPUT', async () => {
    expect(codes(await act('start', 'insp_0190a1b2-0000-7000-8000-000000000009'))).toEqual(['NOT_FOUND']);
    expect(codes(await act('recordFinding', 'nope'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('reading inspections', () => {
  it('joins inspections with the names of their lead and subjects from membership', async () => {
    const { id } = await plan({ startsOn: '2016-04-04', endsOn: '2016-04-08', documentIds: [doc.id, doc2.id] });
    const d = await graphOk(
      `query($lead: ID!) { inspections(year: 2016, leadId: $lead) { id title lead { id name } subjects { id name area { id } } documents { code } } }`,
      { lead: tree.provinceOrg.id },
    );
    const found = d.inspections.find((i: { id: string }) => i.id === id);
    expect(found).toMatchObject({
      lead: { id: tree.provinceOrg.id, name: tree.provinceOrg.name },
      subjects: tree.districtOrgs.map((o, k) => ({ id: o.id, name: o.name, area: { id: tree.districts[k].id } })),
      documents: [{ code: doc.code }, { code: doc2.code }],
    });
  });

  it('filters by status, year, lead, subject and document', async () => {
    const lead = tree.districtOrgs[1].id;
    const a = await plan({ leadId: lead, subjectIds: [tree.communeOrgs[1].id], startsOn: '2017-03-01', endsOn: '2017-03-10', documentIds: [doc2.id] });
    const b = await plan({ leadId: lead, subjectIds: [tree.districtOrgs[0].id], startsOn: '2017-11-01', endsOn: null });
    const c = await plan({ leadId: lead, subjectIds: [tree.communeOrgs[1].id], startsOn: '2019-01-01', endsOn: null });
    await graphOk(START, { id: b.id });
    const q = `query($s: InspectionStatus, $y: Int, $l: ID, $sub: ID, $doc: ID) { inspections(status: $s, year: $y, leadId: $l, subjectId: $sub, documentId: $doc) { id } }`;
    const ids = async (v: Record<string, unknown>) => (await graphOk(q, { l: lead, ...v })).inspections.map((i: { id: string }) => i.id);
    expect(await ids({ y: 2017 })).toEqual([b.id, a.id]);
    expect(await ids({ y: 2017, s: 'PLANNED' })).toEqual([a.id]);
    expect(await ids({ s: 'IN_PROGRESS' })).toEqual([b.id]);
    expect(await ids({ sub: tree.communeOrgs[1].id })).toEqual([c.id, a.id]);
    expect(await ids({ doc: doc2.id })).toEqual([a.id]);
    expect(codes(await graph(q, { y: 20170 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('answers inspectionsByIds in the order asked, null for a missing one, in constant statements', async () => {
    const made = await Promise.all([0, 1, 2].map(() => plan()));
    const missing = 'insp_0190a1b2-0000-7000-8000-00000000000a';
    const d = await graphOk('query($ids: [ID!]!) { inspectionsByIds(ids: $ids) { id } }', { ids: [made[2].id, missing, made[0].id] });
    expect(d.inspectionsByIds).toEqual([{ id: made[2].id }, null, { id: made[0].id }]);
    const query = `query($l: ID!) { inspections(leadId: $l) { id documents { code } findings { id } recommendations { id responsible { id } } lead { id } } }`;
    const few = await countStatementsOf(() => graphOk(query, { l: tree.provinceOrg.id }));
    await Promise.all([0, 1, 2, 3, 4].map(() => plan()));
    const more = await countStatementsOf(() => graphOk(query, { l: tree.provinceOrg.id }));
    expect(more).toBe(few);
    expect(more).toBe(5); // list, document links, documents, findings, recommendations
  });
});

async function countStatementsOf(action: () => Promise<unknown>): Promise<number> {
  return (await countStatements(action)).inspections;
}
