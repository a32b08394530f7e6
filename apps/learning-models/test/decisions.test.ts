import { codes, createTree, graph, graphOk, rowCount, type Tree } from '@khg/testing';
import { ratesOf, register } from './helpers';

const DECIDE = `mutation($id: ID!, $r: Boolean!, $n: String, $d: Date) {
  decideLearningModel(id: $id, recognized: $r, decisionNumber: $n, decidedOn: $d) { id status decisionNumber decidedOn } }`;
const CORRECT = `mutation($id: ID!, $r: Boolean!, $n: String!, $d: Date!, $why: String!) {
  correctLearningModelDecision(id: $id, recognized: $r, decisionNumber: $n, decidedOn: $d, reason: $why) {
    id status decisionNumber decidedOn history { status previousStatus decisionNumber decidedOn correction reason } } }`;

describe('decision life cycle', () => {
  let tree: Tree;
  beforeAll(async () => {
    tree = await createTree(1, 1);
  });

  it('decides once, refuses a second decision with CONFLICT, and corrects with a reason kept in history', async () => {
    const [entry] = await register([{ areaId: tree.villages[0].id, name: 'Nguyễn Văn Hùng' }]);
    expect(entry.status).toBe('REGISTERED');
    const d = await graphOk(DECIDE, { id: entry.id, r: true, n: '125/QĐ-UBND', d: '2018-12-20' });
    expect(d.decideLearningModel).toEqual({ id: entry.id, status: 'RECOGNIZED', decisionNumber: '125/QĐ-UBND', decidedOn: '2018-12-20' });

    const events = await rowCount('learning.outbox_events', 'subject_id = $1', [entry.id]);
    const again = await graph(DECIDE, { id: entry.id, r: false, d: '2018-12-21' });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('RECOGNIZED');
    expect(again.errors![0].message).toContain('correctLearningModelDecision');
    expect(await rowCount('learning.learning_model_decisions', 'entry_id = $1', [entry.id])).toBe(1);
    expect(await rowCount('learning.outbox_events', 'subject_id = $1', [entry.id])).toBe(events);

    const noReason = await graph(CORRECT, { id: entry.id, r: false, n: '130/QĐ-UBND', d: '2019-01-10', why: ' ' });
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);

    const c = await graphOk(CORRECT, { id: entry.id, r: false, n: '130/QĐ-UBND', d: '2019-01-10', why: 'Hồ sơ thiếu tiêu chí 3' });
    expect(c.correctLearningModelDecision).toMatchObject({ status: 'NOT_RECOGNIZED', decisionNumber: '130/QĐ-UBND', decidedOn: '2019-01-10' });
    expect(c.correctLearningModelDecision.history).toEqual([
      { status: 'RECOGNIZED', previousStatus: 'REGISTERED', decisionNumber: '125/QĐ-UBND', decidedOn: '2018-12-20', correction: false, reason: null },
      {
        status: 'NOT_RECOGNIZED',
        previousStatus: 'RECOGNIZED',
        decisionNumber: '130/QĐ-UBND',
        decidedOn: '2019-01-10',
        correction: true,
        reason: 'Hồ sơ thiếu tiêu chí 3',
      },
    ]);
    expect(await rowCount('learning.outbox_events', "subject_id = $1 AND type = 'LEARNING_MODEL_DECIDED'", [entry.id])).toBe(2);
    const fam = (await ratesOf([tree.villages[0].id])).get(tree.villages[0].id)!.find((r) => r.kind === 'FAMILY')!;
    expect(fam).toMatchObject({ registered: 1, recognized: 0, notRecognized: 1, pending: 0 });
  });

  it('checks the decision: number and date to recognise, a date in or after the entry year and not in the future', async () => {
    const [entry] = await register([{ areaId: tree.villages[0].id, year: 2019 }]);
    const noNumber = await graph(DECIDE, { id: entry.id, r: true, d: '2019-12-01' });
    expect(codes(noNumber)).toEqual(['BAD_USER_INPUT']);
    const early = await graph(DECIDE, { id: entry.id, r: true, n: '1/QĐ', d: '2018-12-31' });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0].message).toContain('2019');
    const future = await graph(DECIDE, { id: entry.id, r: true, n: '1/QĐ', d: '2999-01-01' });
    expect(codes(future)).toEqual(['BAD_USER_INPUT']);
    const notADate = await graph(DECIDE, { id: entry.id, r: true, n: '1/QĐ', d: '2019-02-30' });
    expect(codes(notADate)).toEqual(['BAD_USER_INPUT']);
    const correctFirst = await graph(CORRECT, { id: entry.id, r: true, n: '1/QĐ', d: '2019-12-01', why: 'không có' });
    expect(codes(correctFirst)).toEqual(['CONFLICT']);
    expect(await rowCount('learning.learning_model_entries', "id = $1 AND status = 'REGISTERED'", [entry.id])).toBe(1);
    expect(await rowCount('learning.learning_model_decisions', 'entry_id = $1', [entry.id])).toBe(0);
    const missing = await graph(DECIDE, { id: 'lme_01890000-0000-7000-8000-000000000000', r: false });
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });

  it('lists entries of a subtree with filters and cursor pages, and finds them by ids in order', async () => {
    const made = await register(Array.from({ length: 5 }, (_, i) => ({ areaId: tree.villages[0].id, kind: 'CLAN', name: `Họ ${i}`, year: 2020 })));
    const q = `query($a: ID, $after: String) { learningModelEntries(areaId: $a, year: 2020, kind: CLAN, first: 3, after: $after) { id cursor name area { id } } }`;
    const p1 = await graphOk(q, { a: tree.districts[0].id });
    expect(p1.learningModelEntries.map((e: { id: string }) => e.id)).toEqual(made.slice(0, 3).map((e) => e.id));
    expect(p1.learningModelEntries[0].area).toEqual({ id: tree.villages[0].id });
    const p2 = await graphOk(q, { a: tree.districts[0].id, after: p1.learningModelEntries[2].cursor });
    expect(p2.learningModelEntries.map((e: { id: string }) => e.id)).toEqual(made.slice(3).map((e) => e.id));
    const other = await createTree(1, 1);
    expect((await graphOk(q, { a: other.province.id })).learningModelEntries).toEqual([]);
    const missing = 'lme_01890000-0000-7000-8000-000000000000';
    const byIds = await graphOk(`query($ids: [ID!]!) { learningModelEntriesByIds(ids: $ids) { id name } }`, { ids: [made[4].id, missing, made[0].id] });
    expect(byIds.learningModelEntriesByIds).toEqual([{ id: made[4].id, name: 'Họ 4' }, null, { id: made[0].id, name: 'Họ 0' }]);
  });
});
