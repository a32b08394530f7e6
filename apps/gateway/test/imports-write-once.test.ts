import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { asAdmin, createTree, eventually, graphOk, rowCount, sql, testState, type Tree } from '@khg/testing';
import { finished, gatewayBase, importFile, upload, type ImportJson } from './imports-helpers';

// An import of members is written once whatever happens to the gateway (the import id is claimed by
// membership in the write's transaction), its rowsDone advances chunk by chunk while membership
// writes, and IMPORT_FINISHED reaches the event log once its rows are committed.

async function membersFile(rows: { name: string; org?: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hội viên');
  ws.addRow(['Họ và tên', 'Giới tính', 'Ngày vào hội', 'Mã tổ chức']);
  for (const r of rows) ws.addRow([r.name, 'Nữ', '12/05/2019', r.org ?? null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const membersOf = (orgId: string) => rowCount('membership.members', 'organization_id = $1', [orgId]);
const admittedEvents = (orgId: string) => rowCount('membership.outbox_events', "type = 'MEMBER_ADMITTED' AND payload->>'organizationId' = $1", [orgId]);

async function status(id: string): Promise<ImportJson> {
  const res = await fetch(`${gatewayBase()}/imports/${id}`, { headers: { authorization: `Bearer ${await asAdmin()}` } });
  return (await res.json()) as ImportJson;
}

describe('imports written once, with progress and IMPORT_FINISHED', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await createTree(3, 1);
  });

  it('writes nothing twice when the gateway stopped after membership committed and the same file comes again', async () => {
    const org = t.communeOrgs[0].id;
    const file = await membersFile([{ name: 'Phạm Thị Hoa' }, { name: 'Vũ Văn Nam' }, { name: 'Đặng Thị Mai' }]);
    const first = await importFile('members', file, 'hoi-vien.xlsx', { organizationId: org });
    expect(first).toMatchObject({ status: 'COMPLETED', rows: 3, rowsDone: 3 });
    const log = await eventually(async () => {
      const rows = await sql<{ area_id: string; payload: { operation: string; rows: number } }>(
        `SELECT area_id, payload FROM events.log WHERE type = 'IMPORT_FINISHED' AND subject_id = $1`,
        [first.id],
      );
      return rows.length ? rows : null;
    }, 'IMPORT_FINISHED in the event log');
    expect(log).toEqual([{ area_id: t.communeOrgs[0].areaId, payload: { operation: 'admitMembers', rows: 3 } }]);

    // What a gateway stopped between membership's commit and its own record leaves at its next start.
    await sql(`UPDATE imports.imports SET status = 'FAILED', rows_done = 0 WHERE id = $1`, [first.id]);
    const again = await importFile('members', file, 'hoi-vien.xlsx', { organizationId: org });
    expect(again).toMatchObject({ id: first.id, status: 'COMPLETED', rows: 3, rowsDone: 3 });
    expect(await membersOf(org)).toBe(3);
    expect(await admittedEvents(org)).toBe(3);
    expect(await rowCount('membership.outbox_events', "type = 'IMPORT_FINISHED' AND subject_id = $1", [first.id])).toBe(1);
  });

  it('advances rowsDone chunk by chunk while membership writes, and shows the rows only at the commit', async () => {
    const [a, b] = [t.communeOrgs[1], t.communeOrgs[2]];
    // the second chunk (rows 5,001–5,003, organisation b) waits to check its foreign key on b's row, which this test holds
    const rows = [
      ...Array.from({ length: 5000 }, (_, i) => ({ name: `Nguyễn Văn Số ${i}`, org: a.id })),
      ...Array.from({ length: 3 }, (_, i) => ({ name: `Trần Thị Số ${i}`, org: b.id })),
    ];
    const file = await membersFile(rows);
    const holder = new Client({ connectionString: testState().databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM membership.organizations WHERE id = $1 FOR UPDATE', [b.id]);
      const r = await upload('members', file, 'hai-to-chuc.xlsx', {});
      expect(r.status).toBe(202);
      const midway = await eventually(async () => {
        const s = await status(r.body.id);
        return s.rowsDone > 0 ? s : null;
      }, 'rowsDone to advance');
      expect(midway).toMatchObject({ status: 'IMPORTING', rows: 5003, rowsDone: 5000 });
      expect(await membersOf(a.id)).toBe(0); // written inside the transaction, not yet committed
      await holder.query('COMMIT');
      expect(await finished(r.body.id)).toMatchObject({ status: 'COMPLETED', rows: 5003, rowsDone: 5003 });
      expect(await membersOf(a.id)).toBe(5000);
      expect(await membersOf(b.id)).toBe(3);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });

  it('writes learning models and donations once too, each ending with IMPORT_FINISHED', async () => {
    const village = t.villages[0];
    const models = new ExcelJS.Workbook();
    const sheet = models.addWorksheet('Mô hình');
    sheet.addRow(['Loại mô hình', 'Tên', 'Mã đơn vị', 'Năm']);
    sheet.addRow(['Gia đình học tập', 'Gia đình ông Lò Văn Pá', village.id, 2024]);
    sheet.addRow(['Dòng họ học tập', 'Dòng họ Lò', village.id, 2024]);
    const modelsFile = Buffer.from(await models.xlsx.writeBuffer());

    const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khuyến học thôn") { id } }`, { o: t.communeOrgs[0].id });
    const gifts = new ExcelJS.Workbook();
    const sheet2 = gifts.addWorksheet('Sổ thu');
    sheet2.addRow(['Người ủng hộ', 'Số tiền', 'Ngày nhận', 'Hình thức']);
    sheet2.addRow(['Lò Thị Xuân', '200.000', '05/01/2024', 'Tiền mặt']);
    const giftsFile = Buffer.from(await gifts.xlsx.writeBuffer());

    for (const [kind, file, query, table, where, target, outbox] of [
      ['learning-models', modelsFile, {}, 'learning.learning_model_entries', 'area_id = $1', village.id, 'learning.outbox_events'],
      ['donations', giftsFile, { fundId: openFund.id }, 'fundraising.donations', 'fund_id = $1', openFund.id, 'fundraising.outbox_events'],
    ] as const) {
      const first = await importFile(kind, file, `${kind}.xlsx`, query);
      expect(first).toMatchObject({ status: 'COMPLETED', rowsDone: first.rows });
      expect(await rowCount(table, where, [target])).toBe(first.rows);
      await sql(`UPDATE imports.imports SET status = 'FAILED', rows_done = 0 WHERE id = $1`, [first.id]);
      expect(await importFile(kind, file, `${kind}.xlsx`, query)).toMatchObject({ id: first.id, status: 'COMPLETED', rowsDone: first.rows });
      expect(await rowCount(table, where, [target])).toBe(first.rows);
      expect(await rowCount(outbox, "type = 'IMPORT_FINISHED' AND subject_id = $1", [first.id])).toBe(1);
    }
  });
});
