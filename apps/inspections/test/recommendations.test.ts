import { Role } from '@khg/domain';
import { codes, countStatements, createOrganization, createTree, graph, graphOk, rowCount, sql, tokenFor, type Tree } from '@khg/testing';
import { FINDING, RECOMMEND, RESOLVE, START, outboxCount, planInspection, registerDocument } from './helpers';

let tree: Tree;
let docId: string;

beforeAll(async () => {
  tree = await createTree(3, 1);
  docId = (await registerDocument()).id;
});

async function inProgress(leadId = tree.provinceOrg.id, subjectIds = tree.districtOrgs.map((o) => o.id)): Promise<string> {
  const { id } = await planInspection({ leadId, subjectIds, documentIds: [docId] });
  await graphOk(START, { id });
  return id;
}

async function recommend(inspectionId: string, responsibleId: string, text = 'Kiện toàn ban chấp hành'): Promise<string> {
  const d = await graphOk(RECOMMEND, { id: inspectionId, t: text, r: responsibleId, d: null });
  return d.recommend.recommendations.at(-1).id;
}

const openOf = async (ids: string[]): Promise<Record<string, number>> => {
  const d = await graphOk('query($ids: [ID!]!) { organizationsByIds(ids: $ids) { id openRecommendations } }', { ids });
  return Object.fromEntries(d.organizationsByIds.map((o: { id: string; openRecommendations: number }) => [o.id, o.openRecommendations]));
};

describe('recommendations', () => {
  it('counts the OPEN recommendations each organisation is responsible for', async () => {
    const [d0, d1, d2] = tree.districtOrgs.map((o) => o.id);
    const first = await inProgress();
    const second = await inProgress();
    const r1 = await recommend(first, d0);
    await recommend(first, d0);
    await recommend(second, d0);
    const r4 = await recommend(second, d1);
    expect(await openOf([d0, d1, d2, tree.provinceOrg.id])).toEqual({ [d0]: 3, [d1]: 1, [d2]: 0, [tree.provinceOrg.id]: 0 });

    const done = await graphOk(RESOLVE, { id: r1 });
    expect(done.resolveRecommendation).toMatchObject({ id: r1, status: 'DONE' });
    expect(done.resolveRecommendation.resolvedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await graphOk(RESOLVE, { id: r4 });
    expect(await openOf([d0, d1, d2])).toEqual({ [d0]: 2, [d1]: 0, [d2]: 0 });

    // resolving does not depend on the inspection still running
    await graphOk('mutation($id: ID!) { completeInspection(id: $id) { id } }', { id: second });
    const open = await graphOk('query($r: ID!) { recommendations(responsibleId: $r, status: OPEN) { id status inspection { id status } } }', { r: d0 });
    expect(open.recommendations).toHaveLength(2);
    const [ev] = await sql(`SELECT type, area_id, payload FROM inspections.outbox_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1`, [r4]);
    expect(ev).toEqual({ type: 'RECOMMENDATION_CHANGED', area_id: tree.districts[1].id, payload: { status: 'DONE', inspectionId: second, responsibleId: d1 } });
  });

  it('refuses to resolve twice, with CONFLICT and no event', async () => {
    const insp = await inProgress();
    const rec = await recommend(insp, tree.districtOrgs[2].id);
    await graphOk(RESOLVE, { id: rec });
    const before = await outboxCount('subject_id = $1', [rec]);
    const again = await graph(RESOLVE, { id: rec });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('DONE');
    expect(again.errors![0].extensions?.currentStatus).toBe('DONE');
    expect(await outboxCount('subject_id = $1', [rec])).toBe(before);
    expect(codes(await graph(RESOLVE, { id: 'rec_0190a1b2-0000-7000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
  });

  it('lets the responsible organisation or the lead resolve, and no one else', async () => {
    // lead: district 0; responsible: the commune under district 1
    const insp = await inProgress(tree.districtOrgs[0].id, [tree.districtOrgs[1].id]);
    const responsible = tree.communeOrgs[1].id;
    const a = await recommend(insp, responsible);
    const b = await recommend(insp, responsible);
    const outsider = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[2].id });
    const analyst = await tokenFor({ role: Role.ANALYST });
    for (const token of [outsider, analyst]) {
      expect(codes(await graph(RESOLVE, { id: a }, { token }))).toEqual(['FORBIDDEN']);
    }
    expect(await rowCount('inspections.recommendations', `id = $1 AND status = 'OPEN'`, [a])).toBe(1);
    const responsibleOfficer = await tokenFor({ role: Role.OFFICER, orgId: responsible });
    expect((await graph(RESOLVE, { id: a }, { token: responsibleOfficer })).data?.resolveRecommendation.status).toBe('DONE');
    const leadOfficer = await tokenFor({ role: Role.OFFICER, orgId: tree.districtOrgs[0].id });
    expect((await graph(RESOLVE, { id: b }, { token: leadOfficer })).data?.resolveRecommendation.status).toBe('DONE');
  });

  it('refuses a recommendation for an unknown or malformed responsible organisation, writing nothing', async () => {
    const insp = await inProgress();
    const before = await outboxCount();
    const unknown = 'org_0190a1b2-0000-7000-8000-0000000000ff';
    const r = await graph(RECOMMEND, { id: insp, t: 'x', r: unknown, d: null });
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(r.errors![0].message).toContain(unknown);
    expect(codes(await graph(RECOMMEND, { id: insp, t: 'x', r: 'org_bad', d: null }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(RECOMMEND, { id: insp, t: 'x', r: tree.districtOrgs[0].id, d: '2001-01-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(FINDING, { id: insp, s: 'MINOR', t: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('inspections.recommendations', 'inspection_id = $1', [insp])).toBe(0);
    expect(await outboxCount()).toBe(before);
  });

  it('counts open recommendations for a list of organisations in a constant number of statements', async () => {
    const parent = await createOrganization({ areaId: tree.province.id, parentId: tree.provinceOrg.id });
    const children = [];
    for (let i = 0; i < 12; i++) children.push(await createOrganization({ areaId: tree.province.id, parentId: parent.id }));
    const insp = await inProgress(parent.id, [children[0].id]);
    for (const [k, c] of children.entries()) for (let j = 0; j < k % 3; j++) await recommend(insp, c.id);
    const q = 'query($p: ID!) { organizations(parentId: $p) { id name openRecommendations } }';
    const d = await graphOk(q, { p: parent.id });
    const byId = Object.fromEntries(d.organizations.map((o: { id: string; openRecommendations: number }) => [o.id, o.openRecommendations]));
    expect(children.map((c) => byId[c.id])).toEqual(children.map((_, k) => k % 3));

    const small = await createOrganization({ areaId: tree.province.id, parentId: tree.provinceOrg.id });
    await createOrganization({ areaId: tree.province.id, parentId: small.id });
    const one = await countStatements(() => graphOk(q, { p: small.id }));
    const twelve = await countStatements(() => graphOk(q, { p: parent.id }));
    expect(twelve.inspections).toBe(one.inspections);
    expect(twelve.inspections).toBe(1);
  });
});
