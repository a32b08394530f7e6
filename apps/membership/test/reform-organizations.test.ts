import { admitMember, codes, createOrganization, createTree, graph, graphOk, rowCount } from '@khg/testing';

const CLOSE = `mutation($id: ID!, $s: ID, $on: Date!) { closeOrganization(id: $id, on: $on, successorId: $s, reason: "Giải thể theo sắp xếp 2025") {
  id closedOn successor { id } } }`;

describe('organisations follow a reorganisation', () => {
  it('refuses to dissolve an association with active organisations under it, or with members and no successor', async () => {
    const t = await createTree(1, 1);
    await admitMember(t.communeOrgs[0].id);
    const withChildren = await graph(CLOSE, { id: t.districtOrgs[0].id, s: t.provinceOrg.id, on: '2025-07-01' });
    expect(codes(withChildren)).toEqual(['BAD_USER_INPUT']);
    expect(withChildren.errors![0].message).toMatch(/still has 1 active organisation/);
    const noSuccessor = await graph(CLOSE, { id: t.communeOrgs[0].id, on: '2025-07-01' });
    expect(codes(noSuccessor)).toEqual(['BAD_USER_INPUT']);
    expect(noSuccessor.errors![0].message).toMatch(/give successorId/);
    expect(await rowCount('membership.organizations', 'id = ANY($1) AND closed_on IS NOT NULL', [[t.districtOrgs[0].id, t.communeOrgs[0].id]])).toBe(0);
    expect(await rowCount('membership.membership_periods', 'organization_id = $1 AND to_date IS NULL', [t.communeOrgs[0].id])).toBe(1);
  });

  it('moves an organisation with its subtree and keeps where it sat before', async () => {
    const t = await createTree(2, 1);
    const branch = await createOrganization({ areaId: t.villages[0].id, parentId: t.communeOrgs[0].id, kind: 'BRANCH' });
    const d = await graphOk(
      `mutation($id: ID!, $p: ID!) { moveOrganization(id: $id, parentId: $p, on: "2025-07-01", reason: "Bỏ cấp huyện") {
      parent { id } ancestorIds placements { parent { id } from to reason } } }`,
      { id: t.communeOrgs[0].id, p: t.provinceOrg.id },
    );
    expect(d.moveOrganization.parent).toEqual({ id: t.provinceOrg.id });
    expect(d.moveOrganization.ancestorIds).toEqual([t.provinceOrg.id]);
    expect(d.moveOrganization.placements).toEqual([
      { parent: { id: t.districtOrgs[0].id }, from: null, to: '2025-07-01', reason: null },
      { parent: { id: t.provinceOrg.id }, from: '2025-07-01', to: null, reason: 'Bỏ cấp huyện' },
    ]);
    const b = await graphOk(`query($id: ID!) { organization(id: $id) { ancestorIds } }`, { id: branch.id });
    expect(b.organization.ancestorIds).toEqual([t.provinceOrg.id, t.communeOrgs[0].id]);
    const underItself = await graph(`mutation($id: ID!, $p: ID!) { moveOrganization(id: $id, parentId: $p, on: "2025-08-01", reason: "x") { id } }`, {
      id: t.communeOrgs[0].id,
      p: branch.id,
    });
    expect(codes(underItself)).toEqual(['BAD_USER_INPUT']);
  });
});
