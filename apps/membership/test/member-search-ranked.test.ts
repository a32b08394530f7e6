import { foldVietnamese } from '@khg/domain';
import { admitMember, codes, countStatements, createTree, graph, graphOk, unique, type Tree } from '@khg/testing';

// members(search:, orderBy: BEST_MATCH): the search box's order. Names starting with the term come
// first, alphabetically, then names where a later word starts with it, then the rest; pages walk
// across the tiers without skipping or repeating, and a common name costs the same statements as
// a rare one.

const RANKED = `query($s: String!, $n: Int!, $a: String, $o: ID, $d: Boolean, $order: MemberOrder) {
  members(search: $s, first: $n, after: $a, organizationId: $o, includeDescendants: $d, orderBy: $order) {
    totalCount totalCountIsEstimate edges { cursor node { id fullName } } pageInfo { hasNextPage endCursor }
  }
}`;
const ADMIT = `mutation($i: [AdmitMemberInput!]!) { admitMembers(inputs: $i) { id } }`;

interface Page {
  totalCount: number;
  totalCountIsEstimate: boolean;
  edges: { cursor: string; node: { id: string; fullName: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function members(vars: Record<string, unknown>): Promise<Page> {
  return (await graphOk<{ members: Page }>(RANKED, { order: 'BEST_MATCH', ...vars })).members;
}

/** Every page of a search, `n` at a time, in order. */
async function walk(vars: Record<string, unknown>, n: number): Promise<{ names: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page: Page = await members({ ...vars, n, a: after });
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { names: pages.flatMap((p) => p.edges.map((e) => e.node.fullName)), pages };
}

describe('member search, best match first', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await createTree(1, 2);
  });

  it('ranks names starting with the term, then later words starting with it, then the rest, across pages', async () => {
    const [a, b] = tree.communeOrgs;
    const tok = unique('Qz');
    // admitted in an order unlike the ranking, so that id order would give another answer
    const admitted = [
      [a.id, `Lê Văn X${tok}`], // inside a word
      [a.id, `Trần Thị ${tok}`], // a later word
      [b.id, `${tok} Văn An`], // starts with it
      [a.id, `Nguyễn ${tok} Hà`], // a later word
      [b.id, tok], // the whole name
      [a.id, `${tok} Thị Bình`], // starts with it
      [b.id, `Ab${tok} Văn`], // inside a word
    ];
    const ids = new Map<string, string>();
    for (const [org, name] of admitted) ids.set(name, (await admitMember(org, name)).id);
    const byId = (names: string[]) => [...names].sort((x, y) => (ids.get(x)! < ids.get(y)! ? -1 : 1));
    const expected = [tok, `${tok} Thị Bình`, `${tok} Văn An`, ...byId([`Trần Thị ${tok}`, `Nguyễn ${tok} Hà`]), ...byId([`Lê Văn X${tok}`, `Ab${tok} Văn`])];

    // any page size gives the same order, without repeats or gaps between tiers; the count is exact
    for (const n of [1, 2, 3, 50]) {
      const { names, pages } = await walk({ s: foldVietnamese(tok).toUpperCase() }, n);
      expect(names).toEqual(expected);
      expect(pages.every((p) => p.totalCount === 7 && !p.totalCountIsEstimate)).toBe(true);
      expect(pages[pages.length - 1].pageInfo.hasNextPage).toBe(false);
    }

    // the default order is unchanged: newest last
    const plain = (await graphOk<{ members: Page }>(RANKED, { s: tok, n: 50 })).members;
    expect(plain.edges.map((e) => e.node.fullName)).toEqual(byId(admitted.map(([, name]) => name)));

    // filters narrow every tier
    const inA = await walk({ s: tok, o: a.id }, 2);
    expect(inA.names).toEqual(expected.filter((n) => admitted.find(([, name]) => name === n)![0] === a.id));
    expect(inA.pages[0].totalCount).toBe(4);

    // without a search term, BEST_MATCH is id order
    const all = await members({ s: '', n: 3, o: a.id });
    expect(all.edges.map((e) => e.node.id)).toEqual([...all.edges.map((e) => e.node.id)].sort());

    // a cursor is good only for the order it came from
    const wrong = await graph(RANKED, { s: tok, n: 2, a: plain.edges[0].cursor, order: 'BEST_MATCH' });
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(wrong.errors![0].message).toMatch(/BEST_MATCH/);
  });

  it('pages a common name from the index: estimated past 1,000, the same statements whatever the page size', async () => {
    const [a] = tree.communeOrgs;
    const common = unique('Phổbiến');
    const inputs = Array.from({ length: 1100 }, (_, i) => ({
      organizationId: a.id,
      fullName: `${common} Thị ${String(1100 - i).padStart(4, '0')}`,
      joinedOn: '2019-03-01',
    }));
    await graphOk(ADMIT, { i: inputs });
    const rare = unique('Hiếmcó');
    await admitMember(a.id, `Đỗ ${rare}`);

    const first = await members({ s: common, n: 50 });
    expect(first.totalCountIsEstimate).toBe(true);
    expect(first.totalCount).toBeGreaterThan(1000);
    expect(first.pageInfo.hasNextPage).toBe(true);
    // alphabetical: the names were admitted in reverse
    expect(first.edges.map((e) => e.node.fullName)).toEqual(Array.from({ length: 50 }, (_, i) => `${common} Thị ${String(i + 1).padStart(4, '0')}`));
    const second = await members({ s: common, n: 50, a: first.pageInfo.endCursor });
    expect(second.edges[0].node.fullName).toBe(`${common} Thị 0051`);

    // a common name: the bounded count, the first tier's page, the planner's estimate; a rare one:
    // the count and the three tiers (the page is not full). Page sizes not asked before: the
    // gateway's response cache would answer a repeated query with no statement at all.
    const commonLarge = await countStatements(() => members({ s: common, n: 41 }));
    const commonSmall = await countStatements(() => members({ s: common, n: 7 }));
    const rareOne = await countStatements(async () => expect((await members({ s: rare, n: 43 })).totalCount).toBe(1));
    expect(commonLarge.membership).toBe(3);
    expect(commonSmall.membership).toBe(3);
    expect(rareOne.membership).toBe(4);
  });
});
