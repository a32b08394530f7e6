import { Role } from '@khg/domain';
import { codes, createTree, graph, graphOk, rowCount, tokenFor, type Tree } from '@khg/testing';

describe('officers write only in their own area and below', () => {
  let tree: Tree;
  let officer: string;
  beforeAll(async () => {
    tree = await createTree(1, 2);
    officer = await tokenFor({ role: Role.OFFICER, orgId: tree.communeOrgs[0].id, sub: 'officer-commune-0' });
  });

  const REGISTER = 'mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }';

  it('lets a commune officer register in its villages but refuses another commune, writing nothing', async () => {
    const own = await graphOk(REGISTER, { i: [{ kind: 'FAMILY', name: 'Hộ A', areaId: tree.villages[0].id, year: 2018 }] }, { token: officer });
    expect(own.registerLearningModels).toHaveLength(1);
    const before = await rowCount('learning.outbox_events');
    const other = await graph(
      REGISTER,
      {
        i: [
          { kind: 'FAMILY', name: 'Hộ B', areaId: tree.villages[0].id, year: 2018 },
          { kind: 'FAMILY', name: 'Hộ C', areaId: tree.villages[1].id, year: 2018 },
        ],
      },
      { token: officer },
    );
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors![0].message).toContain('row 1');
    expect(await rowCount('learning.learning_model_entries', 'area_id = $1', [tree.villages[1].id])).toBe(0);
    expect(await rowCount('learning.learning_model_entries', "name = 'Hộ B'")).toBe(0);
    expect(await rowCount('learning.outbox_events')).toBe(before);
  });

  it('refuses an officer deciding, setting targets or counts, and creating centres outside its area', async () => {
    const [e] = (await graphOk(REGISTER, { i: [{ kind: 'FAMILY', name: 'Hộ D', areaId: tree.villages[1].id, year: 2018 }] })).registerLearningModels;
    const decide = await graph(
      'mutation($id: ID!) { decideLearningModel(id: $id, recognized: true, decisionNumber: "1/QĐ", decidedOn: "2018-12-01") { id } }',
      { id: e.id },
      { token: officer },
    );
    expect(codes(decide)).toEqual(['FORBIDDEN']);
    const target = await graph(
      'mutation($a: ID!) { setLearningModelTarget(year: 2018, kind: FAMILY, areaId: $a, target: 0.4) { rate } }',
      { a: tree.province.id },
      { token: officer },
    );
    expect(codes(target)).toEqual(['FORBIDDEN']);
    const count = await graph(
      'mutation($a: ID!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: 10) { rate } }',
      { a: tree.villages[1].id },
      { token: officer },
    );
    expect(codes(count)).toEqual(['FORBIDDEN']);
    const centre = await graph(
      'mutation($a: ID!) { createCommunityLearningCenter(areaId: $a, name: "TTHTCĐ") { id } }',
      { a: tree.communes[1].id },
      { token: officer },
    );
    expect(codes(centre)).toEqual(['FORBIDDEN']);
    const course = await graph(
      'mutation($o: ID!) { recordTrainingCourse(input: { title: "Tập huấn", organizerId: $o, heldOn: "2018-05-01", participants: 10 }) { id } }',
      { o: tree.districtOrgs[0].id },
      { token: officer },
    );
    expect(codes(course)).toEqual(['FORBIDDEN']);
    expect(await rowCount('learning.learning_targets', 'area_id = $1', [tree.province.id])).toBe(0);
    expect(await rowCount('learning.eligible_counts', 'area_id = $1', [tree.villages[1].id])).toBe(0);
    // Within its own area the same officer may do all of these.
    await graphOk(
      'mutation($a: ID!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: 10) { rate } }',
      { a: tree.villages[0].id },
      { token: officer },
    );
    await graphOk('mutation($a: ID!) { createCommunityLearningCenter(areaId: $a, name: "TTHTCĐ xã") { id } }', { a: tree.communes[0].id }, { token: officer });
    await graphOk(
      'mutation($o: ID!) { recordTrainingCourse(input: { title: "Tập huấn chi hội", organizerId: $o, heldOn: "2018-05-01", participants: 10 }) { id } }',
      { o: tree.communeOrgs[0].id },
      { token: officer },
    );
  });

  it('refuses readers-only roles', async () => {
    const analyst = await tokenFor({ role: Role.ANALYST });
    const r = await graph(REGISTER, { i: [{ kind: 'FAMILY', name: 'Hộ E', areaId: tree.villages[0].id, year: 2018 }] }, { token: analyst });
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });
});
