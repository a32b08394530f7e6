import { codes, createTree, graph, graphOk, rowCount, type Tree } from '@khg/testing';

const CREATE =
  'mutation($a: ID!, $n: String!, $e: Date) { createCommunityLearningCenter(areaId: $a, name: $n, establishedOn: $e) { id name area { id } establishedOn } }';
const EVALUATE =
  'mutation($id: ID!, $y: Int!, $g: CenterGrade!, $r: Boolean) { evaluateCommunityLearningCenter(id: $id, year: $y, grade: $g, replace: $r) { id evaluations { year grade } } }';

describe('Community Learning Centres', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await createTree(1, 2);
  });

  it('allows one centre per commune: a second is a CONFLICT naming the first', async () => {
    const c = await graphOk(CREATE, { a: tree.communes[0].id, n: 'TTHTCĐ xã Một', e: '2005-03-01' });
    expect(c.createCommunityLearningCenter).toMatchObject({ name: 'TTHTCĐ xã Một', area: { id: tree.communes[0].id }, establishedOn: '2005-03-01' });
    const before = await rowCount('learning.outbox_events');
    const dup = await graph(CREATE, { a: tree.communes[0].id, n: 'TTHTCĐ thứ hai' });
    expect(codes(dup)).toEqual(['CONFLICT']);
    expect(dup.errors![0].message).toContain('TTHTCĐ xã Một');
    expect(dup.errors![0].extensions!.existingId).toBe(c.createCommunityLearningCenter.id);
    expect(await rowCount('learning.community_learning_centers', 'area_id = $1', [tree.communes[0].id])).toBe(1);
    expect(await rowCount('learning.outbox_events')).toBe(before);
    const village = await graph(CREATE, { a: tree.villages[1].id, n: 'TTHTCĐ thôn' });
    expect(codes(village)).toEqual(['BAD_USER_INPUT']);
    expect(village.errors![0].message).toContain('VILLAGE');
  });

  it('evaluates once a year; a second grade needs replace: true', async () => {
    const c = (await graphOk(CREATE, { a: tree.communes[1].id, n: 'TTHTCĐ xã Hai', e: '2010-01-01' })).createCommunityLearningCenter;
    await graphOk(EVALUATE, { id: c.id, y: 2018, g: 'GOOD' });
    const again = await graph(EVALUATE, { id: c.id, y: 2018, g: 'EXCELLENT' });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('GOOD');
    await graphOk(EVALUATE, { id: c.id, y: 2017, g: 'AVERAGE' });
    const replaced = await graphOk(EVALUATE, { id: c.id, y: 2018, g: 'EXCELLENT', r: true });
    expect(replaced.evaluateCommunityLearningCenter.evaluations).toEqual([
      { year: 2017, grade: 'AVERAGE' },
      { year: 2018, grade: 'EXCELLENT' },
    ]);
    expect(codes(await graph(EVALUATE, { id: c.id, y: 2009, g: 'GOOD' }))).toEqual(['BAD_USER_INPUT']);
    const list = await graphOk('query($a: ID) { communityLearningCenters(areaId: $a) { id name evaluations { year } } }', { a: tree.province.id });
    expect(list.communityLearningCenters.map((x: { name: string }) => x.name)).toEqual(['TTHTCĐ xã Hai', 'TTHTCĐ xã Một']);
  });
});

describe('training courses', () => {
  const RECORD = 'mutation($i: RecordTrainingCourseInput!) { recordTrainingCourse(input: $i) { id title heldOn participants organizer { id name } } }';

  it('records a course with its organiser and lists it by year', async () => {
    const tree = await createTree(1, 1);
    const r = await graphOk(RECORD, {
      i: { title: 'Tập huấn học tập suốt đời cho người lớn', organizerId: tree.districtOrgs[0].id, heldOn: '2018-08-15', participants: 45 },
    });
    expect(r.recordTrainingCourse).toMatchObject({
      heldOn: '2018-08-15',
      participants: 45,
      organizer: { id: tree.districtOrgs[0].id, name: tree.districtOrgs[0].name },
    });
    const list = await graphOk('query($o: ID) { trainingCourses(year: 2018, organizerId: $o) { id } }', { o: tree.provinceOrg.id });
    expect(list.trainingCourses).toEqual([{ id: r.recordTrainingCourse.id }]);
    expect((await graphOk('query($o: ID) { trainingCourses(year: 2017, organizerId: $o) { id } }', { o: tree.provinceOrg.id })).trainingCourses).toEqual([]);
    const zero = await graph(RECORD, { i: { title: 'Tập huấn', organizerId: tree.districtOrgs[0].id, heldOn: '2018-08-15', participants: 0 } });
    expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('learning.training_courses', 'organizer_id = $1', [tree.districtOrgs[0].id])).toBe(1);
  });
});
