import { randomUUID } from 'node:crypto';
import { PlanMetric, Role, makeId } from '@khg/domain';
import { admitMember, codes, countStatements, createTree, graph, graphOk, recordStatistics, tokenFor, unique, type Tree } from '@khg/testing';

const ADOPT = `mutation($i: AdoptWorkPlanInput!) { adoptWorkPlan(input: $i) { id year revisions } }`;
const REVISE = `mutation($id: ID!, $i: AdoptWorkPlanInput!, $r: String!) { reviseWorkPlan(id: $id, input: $i, reason: $r) { id revisions title history { revision reason previousTitle } } }`;
// The plan's actuals plus the year report's areas: what a progress view asks. (The whole plan with
// byArea under every indicator also passes the gateway's cost limit: apps/gateway/test/limits-plans.test.ts.)
const PROGRESS = `query($id: ID!, $o: ID!) { workPlan(id: $id) { id year revisions organization { id }
  tasks { number title indicators { id metric target actual met } } }
  yearReport(organizationId: $o, year: 2018) { byArea { area { id } values { metric value target met } } } }`;

async function openFund(organizationId: string): Promise<string> {
  const d = await graphOk(`mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }`, {
    o: organizationId,
    n: `Quỹ ${organizationId.slice(-6)}`,
  });
  return d.openFund.id;
}
async function donate(fundId: string, amount: number, receivedOn: string): Promise<void> {
  await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
    i: { fundId, donorName: 'Nhà hảo tâm', amount, receivedOn, method: 'CASH', idempotencyKey: `${fundId}-${amount}-${receivedOn}` },
  });
}
const eligible = (areaId: string, kind: string, count: number) =>
  graphOk(`mutation($a: ID!, $k: LearningModelKind!, $n: Int!) { setEligibleCount(year: 2018, kind: $k, areaId: $a, count: $n) { eligible } }`, {
    a: areaId,
    k: kind,
    n: count,
  });

const plan = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  organizationId,
  year: 2018,
  title: 'Kế hoạch công tác năm 2018',
  tasks: [
    { number: 2, title: 'Xây dựng xã hội học tập', indicators: [{ metric: 'FAMILY_RATE', target: 0.4 }, { metric: 'CITIZEN_RATE' }] },
    {
      number: 3,
      title: 'Phát triển hội viên và Quỹ khuyến học bình quân 50.000 đồng/người',
      indicators: [
        { metric: 'MEMBERS' },
        { metric: 'MEMBERSHIP_SHARE', target: 0.00001 },
        { metric: 'FUND_PER_CAPITA', target: 50_000 },
        { metric: 'FUNDS_RAISED' },
        { metric: 'NEW_MEMBERS' },
        { metric: 'AWARDS_GRANTED' },
      ],
    },
  ],
  ...extra,
});

describe('work plans', () => {
  let t: Tree;
  // what the test records, by district: population, members admitted in 2018 (and one in 2017), money raised in 2018
  const population = [100_000, 200_000];
  const members = [3, 1];
  const raised = [6_000_000_000, 4_000_000_000]; // 60,000 and 20,000 VND per person: one meets 50,000, one does not
  const families = [
    [200, 100],
    [300, 90],
  ]; // [eligible, recognised] is not recorded here: eligible only, so the rate is 0

  beforeAll(async () => {
    t = await createTree(2, 1);
    await recordStatistics(t.province.id, 2018, 300_000);
    for (const [i, d] of t.districts.entries()) {
      await recordStatistics(d.id, 2018, population[i]);
      for (let m = 0; m < members[i]; m++) await admitMember(t.communeOrgs[i].id, undefined, { joinedOn: '2018-03-01' });
      await donate(await openFund(t.districtOrgs[i].id), raised[i], '2018-06-01');
      await eligible(d.id, 'FAMILY', families[i][0]);
    }
    await admitMember(t.districtOrgs[0].id, undefined, { joinedOn: '2017-05-01' });
    await donate(await openFund(t.communeOrgs[1].id), 1_000_000, '2017-12-31'); // another year's money does not count
  });

  it('reports each metric from the subgraph that owns it, for the province and each district, as the test computes it', async () => {
    const { adoptWorkPlan } = await graphOk(ADOPT, { i: plan(t.provinceOrg.id) });
    const d = await graphOk(PROGRESS, { id: adoptWorkPlan.id, o: t.provinceOrg.id });
    type Value = { metric: string; value: number | null; target: number | null; met: boolean | null };
    const areas = d.yearReport.byArea as { area: { id: string }; values: Value[] }[];
    const indicators = (
      d.workPlan.tasks.flatMap((x: { indicators: unknown[] }) => x.indicators) as {
        metric: string;
        target: number | null;
        actual: number | null;
        met: boolean | null;
      }[]
    ).map((x) => ({ ...x, byArea: areas.map((a) => ({ area: a.area, values: a.values.filter((v) => v.metric === x.metric) })) }));
    const ind = (m: string) => indicators.find((x) => x.metric === m)!;

    const allMembers = members[0] + members[1] + 1;
    const expected: Record<string, [number | null, number | null, number | null]> = {
      // metric: [province, district 0, district 1]
      MEMBERS: [allMembers, members[0] + 1, members[1]],
      NEW_MEMBERS: [members[0] + members[1], members[0], members[1]],
      MEMBERSHIP_SHARE: [allMembers / 300_000, (members[0] + 1) / population[0], members[1] / population[1]],
      FUNDS_RAISED: [raised[0] + raised[1], raised[0], raised[1]],
      FUND_PER_CAPITA: [Math.floor((raised[0] + raised[1]) / 300_000), Math.floor(raised[0] / population[0]), Math.floor(raised[1] / population[1])],
      AWARDS_GRANTED: [0, 0, 0],
      FAMILY_RATE: [0, 0, 0],
      CITIZEN_RATE: [null, null, null], // nothing recorded
    };
    for (const [metric, [p, d0, d1]] of Object.entries(expected)) {
      const x = ind(metric);
      expect({ metric, actual: x.actual }).toEqual({ metric, actual: p === null ? null : expect.closeTo(p, 10) });
      const byArea = Object.fromEntries(x.byArea.map((a) => [a.area.id, a.values[0]]));
      expect(Object.keys(byArea).sort()).toEqual(t.districts.map((a) => a.id).sort());
      expect(byArea[t.districts[0].id].value ?? null).toEqual(d0 === null ? null : expect.closeTo(d0, 10));
      expect(byArea[t.districts[1].id].value ?? null).toEqual(d1 === null ? null : expect.closeTo(d1, 10));
    }
    // met on both sides of the target: 60,000 ≥ 50,000 and 20,000 < 50,000; the province 33,333 < 50,000
    const perCapita = ind('FUND_PER_CAPITA');
    expect([perCapita.target, perCapita.met]).toEqual([50_000, false]);
    const met = Object.fromEntries(perCapita.byArea.map((a) => [a.area.id, a.values[0].met]));
    expect([met[t.districts[0].id], met[t.districts[1].id]]).toEqual([true, false]);
    expect(ind('MEMBERSHIP_SHARE').met).toBe(true);
    expect(ind('MEMBERS')).toMatchObject({ target: null, met: null });

    // the year report: every metric, targets from the plan
    const r = await graphOk(
      `query($o: ID!) { yearReport(organizationId: $o, year: 2018) { year organization { id } plan { id }
      values { metric value target met } byArea { area { id } values { metric value } } } }`,
      { o: t.provinceOrg.id },
    );
    expect(r.yearReport.plan.id).toBe(adoptWorkPlan.id);
    const v = Object.fromEntries(r.yearReport.values.map((x: { metric: string }) => [x.metric, x]));
    expect(v.FUND_PER_CAPITA).toEqual({ metric: 'FUND_PER_CAPITA', value: expected.FUND_PER_CAPITA[0], target: 50_000, met: false });
    expect(v.FAMILY_RATE).toEqual({ metric: 'FAMILY_RATE', value: 0, target: 0.4, met: false });
    expect(r.yearReport.byArea).toHaveLength(2);
  });

  it('refuses a second plan for the same organisation and year, and an officer adopting for another organisation; a revision keeps history; node(id:) finds a plan', async () => {
    const tree = await createTree(1, 1);
    const { adoptWorkPlan } = await graphOk(ADOPT, { i: plan(tree.provinceOrg.id) });
    const again = await graph(ADOPT, { i: plan(tree.provinceOrg.id, { title: 'Lần hai' }) });
    expect(codes(again)).toEqual(['CONFLICT']);
    const officer = await tokenFor({ role: Role.OFFICER, sub: 'officer', orgId: tree.districtOrgs[0].id });
    const other = await graph(ADOPT, { i: { ...plan(tree.provinceOrg.id), year: 2019 } }, { token: officer });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const own = await graph(ADOPT, { i: plan(tree.districtOrgs[0].id) }, { token: officer });
    expect(own.errors).toBeUndefined();
    // a plan is a Node: node(id:) finds it by its global id
    const node = await graphOk(`query($id: ID!) { node(id: $id) { __typename id ... on WorkPlan { year title } } }`, { id: adoptWorkPlan.id });
    expect(node.node).toEqual({ __typename: 'WorkPlan', id: adoptWorkPlan.id, year: 2018, title: 'Kế hoạch công tác năm 2018' });
    const revised = await graphOk(REVISE, {
      id: adoptWorkPlan.id,
      i: plan(tree.provinceOrg.id, { title: 'Kế hoạch điều chỉnh' }),
      r: 'Điều chỉnh chỉ tiêu giữa năm',
    });
    expect(revised.reviseWorkPlan).toMatchObject({
      revisions: 1,
      title: 'Kế hoạch điều chỉnh',
      history: [{ revision: 1, reason: 'Điều chỉnh chỉ tiêu giữa năm', previousTitle: 'Kế hoạch công tác năm 2018' }],
    });
    const bad = await graph(ADOPT, {
      i: plan(tree.provinceOrg.id, { year: 2020, tasks: [{ number: 1, title: 'x', indicators: [{ metric: 'FAMILY_RATE', target: 40 }] }] }),
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toMatch(/write 40 % as 0.4/);
  });

  it('links the signed plan registered in inspections: a document of another kind, or none, is refused and nothing is written', async () => {
    const tree = await createTree(1, 1);
    const register = async (kind: string) =>
      (
        await graphOk(`mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id code } }`, {
          i: {
            code: unique(`${kind}-`),
            title: 'Kế hoạch công tác năm 2018 của Hội Khuyến học tỉnh',
            kind,
            issuer: 'Hội Khuyến học tỉnh',
            issuedOn: '2018-01-10',
          },
        })
      ).registerPolicyDocument as { id: string; code: string };
    const directive = await register('DIRECTIVE');
    const wrongKind = await graph(ADOPT, { i: plan(tree.provinceOrg.id, { documentId: directive.id }) });
    expect(codes(wrongKind)).toEqual(['BAD_USER_INPUT']);
    expect(wrongKind.errors![0].message).toBe(
      `documentId ${directive.id} is ${directive.code}, a DIRECTIVE: a work plan links its signed plan, a document of kind PLAN`,
    );
    const unknownId = makeId('PolicyDocument', randomUUID());
    const unknown = await graph(ADOPT, { i: plan(tree.provinceOrg.id, { documentId: unknownId }) });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toMatch(new RegExp(`^documentId ${unknownId} is not a registered policy document`));
    const none = await graphOk(`query($o: ID!) { workPlans(organizationId: $o) { id } }`, { o: tree.provinceOrg.id });
    expect(none.workPlans).toEqual([]);

    const signed = await register('PLAN');
    const { adoptWorkPlan } = await graphOk(ADOPT, { i: plan(tree.provinceOrg.id, { documentId: signed.id }) });
    const d = await graphOk(`query($id: ID!) { workPlan(id: $id) { document { id code kind } } }`, { id: adoptWorkPlan.id });
    expect(d.workPlan.document).toEqual({ id: signed.id, code: signed.code, kind: 'PLAN' });
    // a revision is checked the same way, and a refused one leaves the plan as it was
    const revised = await graph(REVISE, { id: adoptWorkPlan.id, i: plan(tree.provinceOrg.id, { documentId: directive.id }), r: 'Đổi văn bản' });
    expect(codes(revised)).toEqual(['BAD_USER_INPUT']);
    const after = await graphOk(`query($id: ID!) { workPlan(id: $id) { revisions document { id } } }`, { id: adoptWorkPlan.id });
    expect(after.workPlan).toEqual({ revisions: 0, document: { id: signed.id } });
  });

  it('answers a plan of 7 tasks × 20 indicators with the same SQL statements per subgraph for 2 and 4 districts', async () => {
    // twenty metrics of every owner (CHARTER_BOOKLETS left out), one indicator each per task (a metric appears once in a task)
    const metrics = Object.values(PlanMetric).filter((m) => m !== PlanMetric.CHARTER_BOOKLETS);
    const big = async (districts: number) => {
      const tree = await createTree(districts, 1);
      for (const [i, o] of tree.districtOrgs.entries()) await admitMember(o.id, undefined, { joinedOn: `2018-0${1 + i}-01` });
      const tasks = Array.from({ length: 7 }, (_, k) => ({
        number: k + 1,
        title: `Nhiệm vụ ${k + 1}`,
        indicators: metrics.map((metric) => ({ metric, target: 0.5 })),
      }));
      return { id: (await graphOk(ADOPT, { i: { ...plan(tree.provinceOrg.id), tasks } })).adoptWorkPlan.id as string, org: tree.provinceOrg.id };
    };
    const small = await big(2);
    const large = await big(4);
    let answer: Record<string, any> = {};
    const a = await countStatements(async () => {
      answer = await graphOk(PROGRESS, { id: small.id, o: small.org });
    });
    expect(answer.workPlan.tasks).toHaveLength(7);
    expect(answer.yearReport.byArea).toHaveLength(2);
    const b = await countStatements(async () => {
      answer = await graphOk(PROGRESS, { id: large.id, o: large.org });
    });
    expect(answer.workPlan.tasks[6].indicators).toHaveLength(20);
    expect(answer.yearReport.byArea).toHaveLength(4);
    expect(answer.workPlan.tasks[0].indicators.find((x: { metric: string }) => x.metric === 'MEMBERS').actual).toBe(4);
    expect(b).toEqual(a);
    // inspections answers its part too: one statement for the indicators' batch, one for the report's child areas
    expect(a.inspections).toBeGreaterThan(0);
    expect(a.inspections).toBeLessThanOrEqual(2);
    console.info('7 × 20 plan, SQL statements per subgraph (2 and 4 districts):', a, b);
  });
});
