import { codes, countStatements, createTree, graph, graphOk } from '@khg/testing';
import { planInspection, registerDocument } from './helpers';

const PAGE = `query($n: Int!, $a: String, $lead: ID) {
  inspectionsPage(first: $n, after: $a, leadId: $lead) {
    totalCount edges { cursor node { id startsOn findings { id } } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('inspections a page at a time', () => {
  it('pages through every inspection once, latest start first, with ties on the start date kept apart by id', async () => {
    const tree = await createTree(1, 1);
    const doc = await registerDocument({ kind: 'DIRECTIVE' });
    const lead = tree.districtOrgs[0].id;
    // seven inspections over three start dates: pages must split ties without skipping or repeating
    const starts = ['2018-03-01', '2018-03-01', '2018-03-01', '2018-05-10', '2018-05-10', '2018-09-20', '2018-03-01'];
    for (const startsOn of starts) await planInspection({ leadId: lead, subjectIds: [tree.communeOrgs[0].id], documentIds: [doc.id], startsOn, endsOn: null });

    const seen: { id: string; startsOn: string }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const d: {
        inspectionsPage: { totalCount: number; edges: { node: { id: string; startsOn: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await graphOk(PAGE, { n: 2, a: after, lead });
      expect(d.inspectionsPage.totalCount).toBe(7);
      seen.push(...d.inspectionsPage.edges.map((e) => e.node));
      if (!d.inspectionsPage.pageInfo.hasNextPage) break;
      after = d.inspectionsPage.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((s) => s.id)).size).toBe(7);
    const all = await graphOk(`query($lead: ID) { inspections(leadId: $lead) { id } }`, { lead });
    expect(seen.map((s) => s.id)).toEqual(all.inspections.map((i: { id: string }) => i.id));
    expect(seen.map((s) => s.startsOn)).toEqual([...starts].sort().reverse());

    const bad = await graph(`{ inspectionsPage(after: "bm9wZQ") { totalCount } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('costs the same statements for a page of 2 as for a page of 7', async () => {
    const tree = await createTree(1, 1);
    const doc = await registerDocument({ kind: 'DIRECTIVE' });
    const lead = tree.districtOrgs[0].id;
    for (let i = 0; i < 7; i++) await planInspection({ leadId: lead, subjectIds: [tree.communeOrgs[0].id], documentIds: [doc.id] });
    const small = await countStatements(() => graphOk(PAGE, { n: 2, lead }));
    const large = await countStatements(() => graphOk(PAGE, { n: 7, lead }));
    expect(large.inspections).toBe(small.inspections);
  });
});
