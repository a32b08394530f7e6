import { admitMember, createTree, graphOk, recordStatistics, unique, type Tree } from '@khg/testing';

// A report for a year before the 2025 reform reads that year's tree: its child areas are the
// districts the reform abolished, with the figures they had, while a report for a later year lists
// the units of that year's tree.

const REPORT = `query($o: ID!, $y: Int!) { yearReport(organizationId: $o, year: $y) {
  values { metric value } byArea { area { id } values { metric value } } } }`;
const SHOWN = [
  'MEMBERS',
  'NEW_MEMBERS',
  'MEMBERSHIP_SHARE',
  'FUNDS_RAISED',
  'AWARDS_GRANTED',
  'OUTREACH_ACTIVITIES',
  'FAMILY_RATE',
  'CITIZEN_RATE',
  'CADRES_TRAINED',
  'CENTERS_RATED_GOOD_RATE',
];

type Report = { values: { metric: string; value: number | null }[]; byArea: { area: { id: string }; values: { metric: string; value: number | null }[] }[] };
const shown = (values: Report['values']) => Object.fromEntries(values.filter((v) => SHOWN.includes(v.metric)).map((v) => [v.metric, v.value]));
async function report(organizationId: string, year: number) {
  const r = (await graphOk(REPORT, { o: organizationId, y: year })).yearReport as Report;
  return { province: shown(r.values), byArea: Object.fromEntries(r.byArea.map((a) => [a.area.id, shown(a.values)])) };
}

describe('the year report across the 2025 reform', () => {
  let t: Tree;
  const members = [2, 3];
  const raised = [700_000, 300_000];
  // learning models of 2018, by district: families eligible and recognised, citizens likewise, cadres trained, the centre's 2018 grade
  const families = [
    [10, 1],
    [10, 2],
  ];
  const citizens = [
    [20, 5],
    [30, 3],
  ];
  const trained = [12, 7];
  const grades = ['GOOD', 'AVERAGE'];

  async function recognise(areaId: string, kind: string, n: number) {
    const { registerLearningModels: list } = await graphOk(`mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }`, {
      i: Array.from({ length: n }, () => ({ kind, name: unique(`${kind} `), areaId, year: 2018 })),
    });
    for (const { id } of list as { id: string }[])
      await graphOk(`mutation($id: ID!, $n: String!) { decideLearningModel(id: $id, recognized: true, decisionNumber: $n, decidedOn: "2018-12-10") { id } }`, {
        id,
        n: unique('QĐ-'),
      });
  }

  beforeAll(async () => {
    t = await createTree(2, 1);
    await recordStatistics(t.province.id, 2018, 50_000);
    const { registerPolicyDocument: doc } = await graphOk(`mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }`, {
      i: { code: unique('CT-'), title: 'Chỉ thị 07', kind: 'DIRECTIVE', issuer: 'Tỉnh ủy', issuedOn: '2016-01-05' },
    });
    for (const [i, d] of t.districts.entries()) {
      await recordStatistics(d.id, 2018, 20_000 + i * 5_000);
      for (let m = 0; m < members[i]; m++) await admitMember(t.communeOrgs[i].id, undefined, { joinedOn: '2018-04-02' });
      const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ xã") { id } }`, { o: t.communeOrgs[i].id });
      await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
        i: { fundId: openFund.id, donorName: 'Nhà hảo tâm', amount: raised[i], receivedOn: '2018-06-01', method: 'CASH', idempotencyKey: unique('k-') },
      });
      await graphOk(`mutation($i: GrantAwardInput!) { grantAward(input: $i) { id } }`, {
        i: {
          fundId: openFund.id,
          category: 'EXCELLENT_STUDENT',
          recipientName: unique('Em '),
          areaId: t.communes[i].id,
          amount: 100_000,
          awardedOn: '2018-08-20',
        },
      });
      for (const [kind, [count, recognised]] of [
        ['FAMILY', families[i]],
        ['CITIZEN', citizens[i]],
      ] as [string, number[]][]) {
        await graphOk(`mutation($a: ID!, $k: LearningModelKind!, $n: Int!) { setEligibleCount(year: 2018, kind: $k, areaId: $a, count: $n) { eligible } }`, {
          a: t.villages[i].id,
          k: kind,
          n: count,
        });
        await recognise(t.villages[i].id, kind, recognised);
      }
      await graphOk(`mutation($i: RecordTrainingCourseInput!) { recordTrainingCourse(input: $i) { id } }`, {
        i: { title: 'Tập huấn cán bộ chi hội', organizerId: t.communeOrgs[i].id, heldOn: '2018-05-05', participants: trained[i] },
      });
      const { createCommunityLearningCenter: centre } = await graphOk(
        `mutation($a: ID!) { createCommunityLearningCenter(areaId: $a, name: "Trung tâm học tập cộng đồng", establishedOn: "2012-09-01") { id } }`,
        { a: t.communes[i].id },
      );
      await graphOk(`mutation($id: ID!, $g: CenterGrade!) { evaluateCommunityLearningCenter(id: $id, year: 2018, grade: $g) { id } }`, {
        id: centre.id,
        g: grades[i],
      });
      await graphOk(`mutation($i: RecordOutreachActivityInput!) { recordOutreachActivity(input: $i) { id } }`, {
        i: { organizationId: t.communeOrgs[i].id, documentIds: [doc.id], channel: 'MEETING', heldOn: '2018-10-20', audience: 80 },
      });
    }
  });

  it('reports 2018 by the districts of 2018, unchanged by the reform, and a year after it by the units of that tree', async () => {
    const before = await report(t.provinceOrg.id, 2018);
    expect(Object.keys(before.byArea).sort()).toEqual(t.districts.map((d) => d.id).sort());
    for (const [i, d] of t.districts.entries()) {
      expect(before.byArea[d.id]).toEqual({
        MEMBERS: members[i],
        NEW_MEMBERS: members[i],
        MEMBERSHIP_SHARE: members[i] / (20_000 + i * 5_000),
        FUNDS_RAISED: raised[i],
        AWARDS_GRANTED: 1,
        OUTREACH_ACTIVITIES: 1,
        FAMILY_RATE: families[i][1] / families[i][0],
        CITIZEN_RATE: citizens[i][1] / citizens[i][0],
        CADRES_TRAINED: trained[i],
        CENTERS_RATED_GOOD_RATE: grades[i] === 'GOOD' ? 1 : 0,
      });
    }
    const total = (xs: number[][], k: 0 | 1) => xs[0][k] + xs[1][k];
    expect(before.province).toEqual({
      MEMBERS: 5,
      NEW_MEMBERS: 5,
      MEMBERSHIP_SHARE: 5 / 50_000,
      FUNDS_RAISED: 1_000_000,
      AWARDS_GRANTED: 2,
      OUTREACH_ACTIVITIES: 2,
      FAMILY_RATE: total(families, 1) / total(families, 0),
      CITIZEN_RATE: total(citizens, 1) / total(citizens, 0),
      CADRES_TRAINED: trained[0] + trained[1],
      CENTERS_RATED_GOOD_RATE: 1 / 2,
    });

    // 1 July 2025: the district level is abolished; the communes move up under the province
    await graphOk(`mutation($i: ReorganizeAreasInput!) { reorganizeAreas(input: $i) { id } }`, {
      i: {
        decisionNumber: unique('NQ-'),
        decidedOn: '2025-06-16',
        effectiveOn: '2025-07-01',
        changes: [{ kind: 'ABOLISH', areaIds: t.districts.map((d) => d.id) }],
      },
    });

    expect(await report(t.provinceOrg.id, 2018)).toEqual(before);
    // any year after the reform reads a tree without districts (31 December, or today for the current year)
    const after = await report(t.provinceOrg.id, 2026);
    expect(Object.keys(after.byArea).sort()).toEqual(t.communes.map((c) => c.id).sort());
  });
});
