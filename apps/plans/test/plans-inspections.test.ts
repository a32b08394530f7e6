import { createTree, graphOk, unique, type Tree } from '@khg/testing';

// The four inspections metrics, recorded by the test through the graph and compared with what the
// test computes from its own records. Completing an inspection and resolving a recommendation are
// dated today by the subgraph, so the year under test is the one the completion reports.

type Value = { metric: string; value: number | null; target: number | null; met: boolean | null };
const METRICS = ['COOPERATION_PROGRAMS', 'OUTREACH_ACTIVITIES', 'INSPECTIONS_COMPLETED', 'RECOMMENDATIONS_RESOLVED_RATE'];
const REPORT = `query($o: ID!, $y: Int!) { yearReport(organizationId: $o, year: $y) {
  values { metric value target met } byArea { area { id } values { metric value target met } } } }`;

async function document(): Promise<string> {
  const d = await graphOk(`mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }`, {
    i: { code: unique('CT-'), title: 'Chỉ thị 11-CT/TW', kind: 'DIRECTIVE', issuer: 'Bộ Chính trị', issuedOn: '2007-04-13' },
  });
  return d.registerPolicyDocument.id;
}
async function inspect(
  leadId: string,
  subjectId: string,
  documentId: string,
  recommendTo: string[],
  complete: boolean,
): Promise<{ recommendations: string[]; completedOn: string | null }> {
  const { planInspection } = await graphOk(`mutation($i: PlanInspectionInput!) { planInspection(input: $i) { id } }`, {
    i: { title: unique('Kiểm tra '), documentIds: [documentId], leadId, partners: ['Sở Giáo dục và Đào tạo'], subjectIds: [subjectId], startsOn: '2018-05-14' },
  });
  const id = planInspection.id as string;
  await graphOk('mutation($id: ID!) { startInspection(id: $id) { id } }', { id });
  const recommendations: string[] = [];
  for (const r of recommendTo) {
    const d = await graphOk(
      'mutation($id: ID!, $r: ID!) { recommend(inspectionId: $id, text: "Kiện toàn ban chỉ đạo", responsibleId: $r) { recommendations { id } } }',
      { id, r },
    );
    recommendations.push(d.recommend.recommendations.at(-1).id);
  }
  if (!complete) return { recommendations, completedOn: null };
  const d = await graphOk('mutation($id: ID!) { completeInspection(id: $id) { completedOn } }', { id });
  return { recommendations, completedOn: d.completeInspection.completedOn };
}
const outreach = (organizationId: string, documentId: string, heldOn: string) =>
  graphOk(`mutation($i: RecordOutreachActivityInput!) { recordOutreachActivity(input: $i) { id } }`, {
    i: { organizationId, documentIds: [documentId], channel: 'MEETING', heldOn, audience: 120 },
  });
const program = (signedOn: string, validUntil: string | null) =>
  graphOk(`mutation($i: SignCooperationProgramInput!) { signCooperationProgram(input: $i) { id } }`, {
    i: { title: unique('Chương trình phối hợp '), partner: 'Sở Khoa học và Công nghệ', signedOn, validUntil },
  });

describe('inspections metrics in plans and the year report', () => {
  let t: Tree;
  let year: number;

  beforeAll(async () => {
    t = await createTree(2, 1);
    const doc = await document();
    // district 0 leads one completed inspection with two recommendations for its commune (one resolved below) and one for district 1
    const d0 = await inspect(t.districtOrgs[0].id, t.communeOrgs[0].id, doc, [t.communeOrgs[0].id, t.communeOrgs[0].id, t.districtOrgs[1].id], true);
    year = Number(d0.completedOn!.slice(0, 4));
    await graphOk('mutation($id: ID!) { resolveRecommendation(id: $id) { id } }', { id: d0.recommendations[0] });
    // the province completes one; district 1 starts one and does not complete it
    await inspect(t.provinceOrg.id, t.districtOrgs[1].id, doc, [], true);
    await inspect(t.districtOrgs[1].id, t.communeOrgs[1].id, doc, [], false);
    // outreach: one in each district this year, one in district 1 in 2018
    await outreach(t.communeOrgs[0].id, doc, `${year}-01-02`);
    await outreach(t.districtOrgs[1].id, doc, `${year}-01-03`);
    await outreach(t.communeOrgs[1].id, doc, '2018-09-05');
    await program('2017-03-01', '2018-06-30');
    await program('2018-05-01', null);
    await program('2015-01-01', '2017-12-31');
  });

  /** The province-wide programmes in force in a year, as the test counts them from the list (other tests sign some too). */
  async function programsInForce(y: number): Promise<number> {
    const { cooperationPrograms } = await graphOk('{ cooperationPrograms { signedOn validUntil } }');
    return (cooperationPrograms as { signedOn: string; validUntil: string | null }[]).filter(
      (p) => p.signedOn <= `${y}-12-31` && (p.validUntil === null || p.validUntil >= `${y}-01-01`),
    ).length;
  }

  async function report(y: number) {
    const d = await graphOk(REPORT, { o: t.provinceOrg.id, y });
    const pick = (values: Value[]) => Object.fromEntries(values.filter((v) => METRICS.includes(v.metric)).map((v) => [v.metric, v.value]));
    const areas = Object.fromEntries((d.yearReport.byArea as { area: { id: string }; values: Value[] }[]).map((a) => [a.area.id, pick(a.values)]));
    return { province: pick(d.yearReport.values), d0: areas[t.districts[0].id], d1: areas[t.districts[1].id] };
  }

  it('counts each for the province and each district as the test computes it, this year and in 2018', async () => {
    expect(await report(year)).toEqual({
      province: { COOPERATION_PROGRAMS: await programsInForce(year), OUTREACH_ACTIVITIES: 2, INSPECTIONS_COMPLETED: 2, RECOMMENDATIONS_RESOLVED_RATE: 1 / 3 },
      // programmes are signed province-wide: nothing is recorded for a district
      d0: { COOPERATION_PROGRAMS: null, OUTREACH_ACTIVITIES: 1, INSPECTIONS_COMPLETED: 1, RECOMMENDATIONS_RESOLVED_RATE: 1 / 2 },
      d1: { COOPERATION_PROGRAMS: null, OUTREACH_ACTIVITIES: 1, INSPECTIONS_COMPLETED: 0, RECOMMENDATIONS_RESOLVED_RATE: 0 },
    });
    expect(await report(2018)).toEqual({
      // no recommendation was made in 2018: no denominator
      province: { COOPERATION_PROGRAMS: await programsInForce(2018), OUTREACH_ACTIVITIES: 1, INSPECTIONS_COMPLETED: 0, RECOMMENDATIONS_RESOLVED_RATE: null },
      d0: { COOPERATION_PROGRAMS: null, OUTREACH_ACTIVITIES: 0, INSPECTIONS_COMPLETED: 0, RECOMMENDATIONS_RESOLVED_RATE: null },
      d1: { COOPERATION_PROGRAMS: null, OUTREACH_ACTIVITIES: 1, INSPECTIONS_COMPLETED: 0, RECOMMENDATIONS_RESOLVED_RATE: null },
    });
    expect(await programsInForce(2018)).toBeGreaterThanOrEqual(2);
  });

  it('gives a plan’s indicators their actual and met from inspections', async () => {
    const { adoptWorkPlan } = await graphOk(`mutation($i: AdoptWorkPlanInput!) { adoptWorkPlan(input: $i) { id } }`, {
      i: {
        organizationId: t.provinceOrg.id,
        year,
        title: `Kế hoạch công tác năm ${year}`,
        tasks: [
          {
            number: 6,
            title: 'Kiểm tra việc thực hiện Chỉ thị 11',
            indicators: [
              { metric: 'INSPECTIONS_COMPLETED', target: 2 },
              { metric: 'RECOMMENDATIONS_RESOLVED_RATE', target: 0.5 },
              { metric: 'OUTREACH_ACTIVITIES', target: 3 },
            ],
          },
        ],
      },
    });
    const d = await graphOk('query($id: ID!) { workPlan(id: $id) { tasks { indicators { metric target actual met } } } }', { id: adoptWorkPlan.id });
    expect(d.workPlan.tasks[0].indicators).toEqual([
      { metric: 'INSPECTIONS_COMPLETED', target: 2, actual: 2, met: true },
      { metric: 'RECOMMENDATIONS_RESOLVED_RATE', target: 0.5, actual: 1 / 3, met: false },
      { metric: 'OUTREACH_ACTIVITIES', target: 3, actual: 2, met: false },
    ]);
  });
});
