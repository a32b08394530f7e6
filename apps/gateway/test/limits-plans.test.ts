import { PlanMetric } from '@khg/domain';
import { admitMember, asAdmin, countStatements, createTree, graphOk, testState } from '@khg/testing';

// The cost estimate counts a list without `first` as 20 items, except the lists a work plan's
// data bounds (LIST_SIZE_HINTS in src/limits.ts): the whole plan of the issue, 7 tasks × 20
// indicators × 10 districts with the year report, is one query; a list of whole plans is not.
// The same query for 2 districts costs each subgraph the same SQL statements as for 10.

const FULL_PLAN = `query($id: ID!, $o: ID!) {
  workPlan(id: $id) { id title year revisions organization { id name } tasks { number title
    indicators { id metric target actual met byArea { area { id name } values { metric value target met } } } } }
  yearReport(organizationId: $o, year: 2018) { plan { id } values { metric value target met }
    byArea { area { id name } values { metric value target met } } } }`;

// every metric but the last (RECOMMENDATIONS_RESOLVED_RATE): twenty indicators a task
const METRICS = Object.values(PlanMetric).filter((m) => m !== PlanMetric.RECOMMENDATIONS_RESOLVED_RATE);

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(testState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await asAdmin()}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any> | null; errors?: { extensions?: Record<string, unknown> }[] } };
}

describe('the cost limit and work plans', () => {
  /** a province of `districts` districts, one member in each, and its whole plan of 7 tasks × 20 indicators */
  async function provinceWithPlan(districts: number): Promise<{ id: string; o: string }> {
    const t = await createTree(districts, 1);
    for (const o of t.districtOrgs) await admitMember(o.id, undefined, { joinedOn: '2018-03-01' });
    const tasks = Array.from({ length: 7 }, (_, k) => ({ number: k + 1, title: `Nhiệm vụ ${k + 1}`, indicators: METRICS.map((metric) => ({ metric })) }));
    const d = await graphOk(`mutation($i: AdoptWorkPlanInput!) { adoptWorkPlan(input: $i) { id } }`, {
      i: { organizationId: t.provinceOrg.id, year: 2018, title: 'Kế hoạch công tác năm 2018', tasks },
    });
    return { id: d.adoptWorkPlan.id, o: t.provinceOrg.id };
  }
  let small: { id: string; o: string };
  let large: { id: string; o: string };

  beforeAll(async () => {
    small = await provinceWithPlan(2);
    large = await provinceWithPlan(10);
  });

  it('answers a whole plan of 7 tasks × 20 indicators with each of 10 districts, and the year report, in one query, with as many SQL statements as for 2 districts', async () => {
    let smallAnswer: Awaited<ReturnType<typeof post>> | undefined;
    const two = await countStatements(async () => {
      smallAnswer = await post(FULL_PLAN, { id: small.id, o: small.o });
    });
    expect(smallAnswer!.body.errors).toBeUndefined();
    expect(smallAnswer!.body.data!.yearReport.byArea).toHaveLength(2);
    let r: Awaited<ReturnType<typeof post>> | undefined;
    const ten = await countStatements(async () => {
      r = await post(FULL_PLAN, { id: large.id, o: large.o });
    });
    expect(r!.body.errors).toBeUndefined();
    expect(r!.status).toBe(200);
    const tasks = r!.body.data!.workPlan.tasks as { indicators: { metric: string; actual: number | null; byArea: { values: { metric: string }[] }[] }[] }[];
    expect(tasks).toHaveLength(7);
    for (const task of tasks) {
      expect(task.indicators).toHaveLength(20);
      for (const ind of task.indicators) {
        expect(ind.byArea).toHaveLength(10);
        expect(ind.byArea.every((a) => a.values.length === 1 && a.values[0].metric === ind.metric)).toBe(true);
      }
    }
    expect(tasks[0].indicators.find((x) => x.metric === 'MEMBERS')!.actual).toBe(10);
    expect(r!.body.data!.yearReport.byArea).toHaveLength(10);
    // 1,540 figure entities through five subgraphs (4–7 s on two shared cores: docs/plans-and-reports.md), a constant number of statements
    expect(ten).toEqual(two);
    // every subgraph reported a count (a missing /metrics figure would be NaN, and NaN equals NaN here)
    expect(Object.entries(ten).filter(([, n]) => !Number.isFinite(n))).toEqual([]);
    expect(Object.keys(ten)).toEqual(expect.arrayContaining(['membership', 'fundraising', 'inspections', 'plans']));
    expect(ten.inspections).toBeGreaterThan(0);
    console.info('whole plan (7 × 20, byArea under each indicator, the report), SQL statements per subgraph for 2 and 10 districts:', two, ten);
  }, 90_000);

  it('still refuses a list of whole plans, which nothing bounds', async () => {
    const r = await post(`{ workPlans { id tasks { indicators { id actual byArea { area { id name } values { metric value target met } } } } } }`);
    expect(r.status).toBe(400);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost', max: 50_000 });
    expect(r.body.errors![0].extensions!.actual as number).toBeGreaterThan(50_000);
    expect(r.body.data ?? null).toBeNull();
  });

  it('keeps counting other lists at the default size', async () => {
    const r = await post(`{ areas { children { children { children { id name code } } } } }`);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost' });
  });
});
