import { admitMember, countStatements, createArea, createOrganization, createTree, graphOk, unique } from '@khg/testing';

const SEARCH = `query($s: String!, $n: Int!, $a: String, $o: ID, $d: Boolean) {
  members(search: $s, first: $n, after: $a, organizationId: $o, includeDescendants: $d) {
    totalCount totalCountIsEstimate edges { node { id fullName } } pageInfo { hasNextPage endCursor }
  }
}`;

/** Admits members a few at a time (the platform's real write path), in parallel lanes. */
async function admitMany(orgIds: string[], names: (i: number) => string, n: number): Promise<void> {
  const lanes = 8;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let i = lane; i < n; i += lanes) await admitMember(orgIds[i % orgIds.length], names(i));
    }),
  );
}

describe('member search at scale', () => {
  it('counts a common name exactly up to 1,000 matches, then estimates and says so, in the same statements', async () => {
    const tree = await createTree(1, 2);
    const [a, b] = tree.communeOrgs;
    const common = unique('Nguyễn Thị Phổbiến ');
    await admitMany([a.id, b.id], (i) => `${common}${i}`, 1001);
    const rare = unique('Trần Văn Hiếm ');
    for (let i = 0; i < 3; i++) await admitMember(a.id, `${rare}${i}`);

    const many = await graphOk(SEARCH, { s: common, n: 50 });
    expect(many.members.totalCountIsEstimate).toBe(true);
    expect(many.members.totalCount).toBeGreaterThan(1000);
    expect(many.members.edges).toHaveLength(50);
    expect(many.members.pageInfo.hasNextPage).toBe(true);

    // one organisation's half is under the bound: exact
    const half = await graphOk(SEARCH, { s: common, n: 10, o: a.id, d: false });
    expect(half.members).toMatchObject({ totalCount: 501, totalCountIsEstimate: false });
    // the district's subtree has all of them: over the bound again
    const subtree = await graphOk(SEARCH, { s: common, n: 10, o: tree.districtOrgs[0].id, d: true });
    expect(subtree.members.totalCountIsEstimate).toBe(true);
    expect(subtree.members.edges.every((e: { node: { fullName: string } }) => e.node.fullName.startsWith(common))).toBe(true);

    const few = await graphOk(SEARCH, { s: rare, n: 50 });
    expect(few.members).toMatchObject({ totalCount: 3, totalCountIsEstimate: false });
    expect(few.members.edges).toHaveLength(3);

    // a later page still carries the count (bounded again, not recounted in full)
    const second = await graphOk(SEARCH, { s: common, n: 50, a: many.members.pageInfo.endCursor });
    expect(second.members.totalCountIsEstimate).toBe(true);
    expect(second.members.edges[0].node.id > many.members.edges[49].node.id).toBe(true);

    // statements: one for page and bounded count, one more (the planner's estimate) past the bound
    // (page sizes not asked before: the gateway's response cache would answer a repeated query with none)
    const exact = await countStatements(() => graphOk(SEARCH, { s: rare, n: 40 }));
    const estimated = await countStatements(() => graphOk(SEARCH, { s: common, n: 41 }));
    const estimatedSmallPage = await countStatements(() => graphOk(SEARCH, { s: common, n: 7 }));
    expect(exact.membership).toBe(1);
    expect(estimated.membership).toBe(exact.membership + 1);
    expect(estimatedSmallPage.membership).toBe(estimated.membership);
  }, 600_000); // 1,001 admissions through the gateway first

  it('reads Organization.members for a list of organisations in statements that do not grow with the list', async () => {
    const query = `query($p: ID!) { organizations(parentId: $p) { id members(first: 3) { totalCount totalCountIsEstimate edges { node { fullName } } pageInfo { hasNextPage } } } }`;
    const withChildren = async (children: number) => {
      const area = await createArea({ level: 'PROVINCE' });
      const parent = await createOrganization({ areaId: area.id });
      const orgs = [];
      for (let i = 0; i < children; i++) orgs.push(await createOrganization({ areaId: area.id, parentId: parent.id }));
      for (const [i, o] of orgs.entries()) for (let k = 0; k <= i; k++) await admitMember(o.id, unique('Vũ Thị '));
      return { parent, orgs };
    };
    const two = await withChildren(2);
    const six = await withChildren(6);
    const small = await countStatements(async () => expect((await graphOk(query, { p: two.parent.id })).organizations).toHaveLength(2));
    let answer: { id: string; members: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } } }[] = [];
    const large = await countStatements(async () => {
      answer = (await graphOk(query, { p: six.parent.id })).organizations;
      expect(answer).toHaveLength(6);
    });
    expect(large.membership).toBe(small.membership);
    for (const [i, o] of six.orgs.entries()) {
      const got = answer.find((x) => x.id === o.id)!;
      expect(got.members.totalCount).toBe(i + 1);
      expect(got.members.edges).toHaveLength(Math.min(3, i + 1));
      expect(got.members.pageInfo.hasNextPage).toBe(i + 1 > 3);
    }
    // with the subtree: the parent counts all 21
    const subtree = await graphOk(`query($o: ID!) { organization(id: $o) { members(first: 1, includeDescendants: true) { totalCount } } }`, {
      o: six.parent.id,
    });
    expect(subtree.organization.members.totalCount).toBe(21);
  });
});
