import { codes, countStatements, createTree, graph, graphOk, sql, unique, type Tree } from '@khg/testing';
import { RECOMMEND, START, planInspection, registerDocument } from './helpers';

// Every inspections list that stops at 2,000 rows has a `…Page` connection in the same order.
// Each is checked the same way: walked two at a time, it gives every row of the whole list once and
// in the list's order, splitting rows that tie on the sort date; a bad cursor is BAD_USER_INPUT; and
// a page of 7 costs the statements a page of 2 does.

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } & Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `field(args…)` of the whole list and `<field>Page(first, after, args…)`, selecting `nodeFields`; each argument is passed as the variable of its name. */
function lists(field: string, args: Record<string, string>, nodeFields: string) {
  const decl = Object.entries(args)
    .map(([name, type]) => `, $${name}: ${type}`)
    .join('');
  const pass = Object.keys(args)
    .map((name) => `${name}: $${name}`)
    .join(', ');
  return {
    whole: `query${decl ? `(${decl.slice(2)})` : ''} { ${field}${pass ? `(${pass})` : ''} { ${nodeFields} } }`,
    page: `query($_n: Int!, $_a: String${decl}) { ${field}Page(first: $_n, after: $_a${pass ? `, ${pass}` : ''}) {
      totalCount edges { cursor node { ${nodeFields} } } pageInfo { hasNextPage endCursor } } }`,
    pageField: `${field}Page`,
  };
}

async function walk(
  q: ReturnType<typeof lists>,
  vars: Record<string, unknown>,
  size: number,
): Promise<{ nodes: Page['edges'][number]['node'][]; totals: number[] }> {
  const nodes: Page['edges'][number]['node'][] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: Page = (await graphOk(q.page, { ...vars, _n: size, _a: after }))[q.pageField];
    totals.push(page.totalCount);
    nodes.push(...page.edges.map((e) => e.node));
    expect(page.edges.length).toBeLessThanOrEqual(size);
    if (!page.pageInfo.hasNextPage) return { nodes, totals };
    after = page.pageInfo.endCursor;
  }
  throw new Error(`${q.pageField} did not end within 100 pages`);
}

/** Walks the pages two at a time and checks them against the whole list; returns the ids in page order. */
async function pagesMatchTheList(q: ReturnType<typeof lists>, vars: Record<string, unknown>, expectedCount: number): Promise<string[]> {
  const whole: { id: string }[] = (await graphOk(q.whole, vars))[q.pageField.replace(/Page$/, '')];
  expect(whole).toHaveLength(expectedCount);
  const { nodes, totals } = await walk(q, vars, 2);
  expect(nodes.map((n) => n.id)).toEqual(whole.map((n) => n.id));
  expect(new Set(totals)).toEqual(new Set([expectedCount]));
  const bad = await graph(q.page, { ...vars, _n: 2, _a: 'bm9wZQ' });
  expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  return nodes.map((n) => n.id);
}

/** Statements per subgraph for a page of 2 and a page of 7 (with the nested fields of `q`). */
async function statementsFor(q: ReturnType<typeof lists>, vars: Record<string, unknown>) {
  const small = await countStatements(() => graphOk(q.page, { ...vars, _n: 2 }));
  const large = await countStatements(() => graphOk(q.page, { ...vars, _n: 7 }));
  return { small, large };
}

let tree: Tree;

beforeAll(async () => {
  tree = await createTree(1, 1);
});

describe('inspections lists a page at a time', () => {
  it('outreachActivitiesPage: latest first, ties on the day kept apart, documents and organisation in constant statements', async () => {
    const org = tree.districtOrgs[0];
    const docs = [await registerDocument(), await registerDocument()];
    const held = ['2018-03-08', '2018-03-08', '2018-03-08', '2019-04-15', '2019-04-15', '2017-01-02', '2018-03-08'];
    for (const [i, heldOn] of held.entries()) {
      await graphOk('mutation($i: RecordOutreachActivityInput!) { recordOutreachActivity(input: $i) { id } }', {
        i: { organizationId: org.id, documentIds: [docs[i % 2].id], channel: 'MEETING', heldOn, audience: 10 + i },
      });
    }
    const q = lists('outreachActivities', { organizationId: 'ID' }, 'id heldOn organization { id name } documents { id code }');
    await pagesMatchTheList(q, { organizationId: org.id }, 7);
    const { nodes } = await walk(q, { organizationId: org.id }, 3);
    expect(nodes.map((n) => n.heldOn)).toEqual([...held].sort().reverse());
    expect(nodes.every((n) => (n.organization as { name: string }).name === org.name)).toBe(true);

    const { small, large } = await statementsFor(q, { organizationId: org.id });
    expect(large).toEqual(small);
    expect(small.inspections).toBeLessThanOrEqual(4); // page, count, document links, documents
  });

  it('cooperationProgramsPage: oldest signed first, ties on the day kept apart', async () => {
    const partner = unique('Sở Lao động ');
    const signed = ['2017-03-20', '2017-03-20', '2016-01-05', '2021-01-15', '2017-03-20', '2016-01-05', '2019-09-09'];
    for (const signedOn of signed) {
      await graphOk('mutation($i: SignCooperationProgramInput!) { signCooperationProgram(input: $i) { id } }', {
        i: { title: unique('Chương trình '), partner, signedOn },
      });
    }
    const q = lists('cooperationPrograms', { partner: 'String' }, 'id signedOn');
    await pagesMatchTheList(q, { partner }, 7);
    const { nodes } = await walk(q, { partner }, 3);
    expect(nodes.map((n) => n.signedOn)).toEqual([...signed].sort());

    const { small, large } = await statementsFor(q, { partner });
    expect(large).toEqual(small);
    expect(small.inspections).toBe(2); // page and count
  });

  it('policyDocumentsPage: oldest issued first, undated last, ties kept apart by code', async () => {
    const prefix = unique('KH-');
    // codes sort a < b < c < d; three share a date, two have none
    const made = [
      { code: `${prefix}-d`, issuedOn: '2012-05-05' },
      { code: `${prefix}-a`, issuedOn: null },
      { code: `${prefix}-c`, issuedOn: '2012-05-05' },
      { code: `${prefix}-b`, issuedOn: '2012-05-05' },
      { code: `${prefix}-e`, issuedOn: '2010-01-01' },
      { code: `${prefix}-f`, issuedOn: null },
      { code: `${prefix}-g`, issuedOn: '2015-12-31' },
    ];
    const ids = new Map<string, string>();
    for (const m of made) {
      const d = await graphOk('mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }', {
        i: { code: m.code, title: 'Kế hoạch thử', kind: 'PLAN', issuer: 'Tỉnh ủy', issuedOn: m.issuedOn },
      });
      ids.set(d.registerPolicyDocument.id, m.code);
    }
    const total = (await graphOk('{ policyDocuments(kind: PLAN) { id } }')).policyDocuments.length;
    const q = lists('policyDocuments', { kind: 'DocumentKind' }, 'id code issuedOn');
    const order = await pagesMatchTheList(q, { kind: 'PLAN' }, total);
    const ours = order.filter((id) => ids.has(id)).map((id) => ids.get(id)!.slice(prefix.length + 1));
    expect(ours).toEqual(['e', 'b', 'c', 'd', 'g', 'a', 'f']);

    const { small, large } = await statementsFor(q, { kind: 'PLAN' });
    expect(large).toEqual(small);
    expect(small.inspections).toBe(2);
  });

  it('recommendationsPage: newest first, two recommendations of the same millisecond neither skipped nor repeated', async () => {
    const doc = await registerDocument();
    const { id: inspectionId } = await planInspection({ leadId: tree.provinceOrg.id, subjectIds: [tree.districtOrgs[0].id], documentIds: [doc.id] });
    await graphOk(START, { id: inspectionId });
    const recs: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = await graphOk(RECOMMEND, { id: inspectionId, t: `Kiến nghị ${i}`, r: tree.districtOrgs[0].id, d: null });
      recs.push(d.recommend.recommendations.at(-1).id);
    }
    // ties the API cannot make on demand: three in one millisecond (microseconds apart), two in another
    await sql(`UPDATE inspections.recommendations SET created_at = '2018-06-01 10:00:00.123456+00' WHERE id = $1`, [recs[0]]);
    await sql(`UPDATE inspections.recommendations SET created_at = '2018-06-01 10:00:00.123789+00' WHERE id = $1`, [recs[1]]);
    await sql(`UPDATE inspections.recommendations SET created_at = '2018-06-01 10:00:00.123001+00' WHERE id = $1`, [recs[2]]);
    await sql(`UPDATE inspections.recommendations SET created_at = '2018-06-02 08:00:00.5+00' WHERE id = ANY($1::text[])`, [[recs[3], recs[4]]]);
    const q = lists('recommendations', { inspectionId: 'ID' }, 'id createdAt status inspection { id } responsible { id }');
    const order = await pagesMatchTheList(q, { inspectionId }, 7);
    expect(new Set(order)).toEqual(new Set(recs));
    const { nodes } = await walk(q, { inspectionId }, 3);
    const times = nodes.map((n) => Date.parse(n.createdAt as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const { small, large } = await statementsFor(q, { inspectionId });
    expect(large).toEqual(small);
    expect(small.inspections).toBe(3); // page, count, inspections
  });
});
