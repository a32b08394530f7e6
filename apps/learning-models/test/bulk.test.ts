import { codes, countStatements, createTree, graph, rowCount, sql, type Tree } from '@khg/testing';
import { ratesOf } from './helpers';

const BULK = 'mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id name status area { id } } }';

describe('bulk registration', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await createTree(1, 2);
  });

  it('refuses the whole list with one error naming every bad row, and writes nothing', async () => {
    const v = tree.villages[0].id;
    const inputs = [
      { kind: 'FAMILY', name: 'Trần Văn An', areaId: v, year: 2018 },
      { kind: 'FAMILY', name: '   ', areaId: v, year: 2018 },
      { kind: 'FAMILY', name: 'Lê Thị Bình', areaId: 'org_01890000-0000-7000-8000-000000000000', year: 2018 },
      { kind: 'FAMILY', name: 'Phạm Văn Cường', areaId: tree.districts[0].id, year: 2018 },
      { kind: 'CLAN', name: 'Họ Đỗ', areaId: v, year: 1980 },
      { kind: 'UNIT', name: 'Trường Tiểu học', areaId: 'area_01890000-0000-7000-8000-000000000000', year: 2018 },
      { kind: 'COMMUNITY', name: 'Thôn 1', areaId: v, year: 2018 },
    ];
    const before = await rowCount('learning.outbox_events');
    const r = await graph(BULK, { i: inputs });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const err = r.errors![0];
    expect(err.extensions!.rows).toEqual([
      { index: 1, field: 'name', message: expect.stringContaining('empty') },
      { index: 2, field: 'areaId', message: expect.stringContaining('not an Area id') },
      { index: 3, field: 'areaId', message: expect.stringContaining('DISTRICT') },
      { index: 4, field: 'year', message: expect.stringContaining('1980') },
      { index: 5, field: 'areaId', message: expect.stringContaining('no area') },
    ]);
    expect(err.message).toMatch(/^5 of 7 rows are invalid, nothing was registered\. row 1 name: .*; row 2 areaId: .*; row 3 areaId: /);
    expect(await rowCount('learning.learning_model_entries', 'area_id = $1', [v])).toBe(0);
    expect(await rowCount('learning.outbox_events')).toBe(before);
    expect(await rowCount('learning.rollup_counts', 'area_id = $1', [v])).toBe(0);
  });

  it('registers several thousand rows in one call with an event per entry and the roll-up up to date', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ({
      kind: 'FAMILY',
      name: `Hộ ông Nguyễn Văn ${i}`,
      areaId: tree.villages[i % 2].id,
      year: 2018,
    }));
    let data: { registerLearningModels: { id: string; name: string; status: string; area: { id: string } }[] } | null | undefined;
    const stmts = await countStatements(async () => {
      data = (await graph(BULK, { i: rows })).data as typeof data;
    });
    const made = data!.registerLearningModels;
    expect(made).toHaveLength(4000);
    expect(made[3999]).toMatchObject({ name: 'Hộ ông Nguyễn Văn 3999', status: 'REGISTERED', area: { id: tree.villages[1].id } });
    // Multi-row statements: far fewer than one per row.
    expect(stmts['learning-models']).toBeLessThan(20);
    const ids = made.map((e) => e.id);
    expect(await rowCount('learning.learning_model_entries', 'id = ANY($1)', [ids])).toBe(4000);
    expect(await rowCount('learning.outbox_events', "type = 'LEARNING_MODEL_REGISTERED' AND subject_id = ANY($1)", [ids])).toBe(4000);
    const [{ area_id }] = await sql('SELECT area_id FROM learning.outbox_events WHERE subject_id = $1', [ids[1]]);
    expect(area_id).toBe(tree.villages[1].id);
    const rates = await ratesOf([tree.province.id, tree.communes[0].id]);
    expect(rates.get(tree.province.id)!.find((r) => r.kind === 'FAMILY')).toMatchObject({ registered: 4000, pending: 4000 });
    expect(rates.get(tree.communes[0].id)!.find((r) => r.kind === 'FAMILY')).toMatchObject({ registered: 2000 });
  });

  it('refuses an empty list', async () => {
    expect(codes(await graph(BULK, { i: [] }))).toEqual(['BAD_USER_INPUT']);
  });
});
