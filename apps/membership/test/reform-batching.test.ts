import { countStatements, createTree, graphOk, recordStatistics, unique, type Tree } from '@khg/testing';

const QUERY = `query($p: ID!) { area(id: $p) { children(on: "2018-12-31") {
  id ancestorIdsOn(on: "2018-12-31") ancestryByYear { year ancestorIds } predecessors { id } successors { id }
  children(on: "2018-12-31") { id parent(on: "2018-12-31") { id } comparableSeries(fromYear: 2018, toYear: 2020) { year population raised } }
} } }`;

/** A tree reorganised on 2025-07-01 (districts abolished, communes merged pairwise), read at 2018. */
async function reorganised(districts: number, communes: number): Promise<Tree> {
  const t = await createTree(districts, communes);
  for (const c of t.communes) await recordStatistics(c.id, 2018, 5_000);
  const changes: Record<string, unknown>[] = [{ kind: 'ABOLISH', areaIds: t.districts.map((d) => d.id) }];
  for (let i = 0; i + 1 < t.communes.length; i += 2) {
    changes.push({
      kind: 'MERGE',
      areaIds: [t.communes[i].id, t.communes[i + 1].id],
      into: [{ code: unique('M'), name: 'Mới', level: 'COMMUNE', parentId: t.province.id }],
    });
  }
  await graphOk(`mutation($i: ReorganizeAreasInput!) { reorganizeAreas(input: $i) { id } }`, {
    i: { decisionNumber: unique('NQ-'), decidedOn: '2025-06-01', effectiveOn: '2025-07-01', changes },
  });
  return t;
}

describe('areas over time: batching', () => {
  it('reads a reorganised tree at a date with the same number of statements for 4 or 20 communes', async () => {
    const small = await reorganised(2, 2);
    const large = await reorganised(4, 5);
    const run = async (t: Tree, communes: number) =>
      countStatements(async () => {
        const d = await graphOk(QUERY, { p: t.province.id });
        const all = d.area.children.flatMap((x: { children: unknown[] }) => x.children);
        expect(all).toHaveLength(communes);
        expect(all[0].comparableSeries[0].population).toBe(5_000);
        expect(d.area.children[0].successors).toEqual([]);
      });
    const a = await run(small, 4);
    const b = await run(large, 20);
    expect(b.membership).toBe(a.membership);
    expect(b.fundraising ?? 0).toBe(a.fundraising ?? 0);
  });
});
