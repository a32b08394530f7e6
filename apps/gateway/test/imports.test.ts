import ExcelJS from 'exceljs';
import { Role } from '@khg/domain';
import { createTree, graphOk, rowCount, tokenFor, unique, type Tree } from '@khg/testing';
import { finished, gatewayBase, importFile, upload } from './imports-helpers';

// Imports through the gateway with files the test writes with exceljs: a file with bad rows is
// refused whole (each row and column named, no row and no event written), the fixed file imports,
// uploading it again changes nothing, an officer cannot import into another subtree.

async function membersFile(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hội viên');
  ws.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Ngày vào hội']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const membersOf = (orgId: string) => rowCount('membership.members', 'organization_id = $1', [orgId]);
const admittedEvents = (orgId: string) => rowCount('membership.outbox_events', "type = 'MEMBER_ADMITTED' AND payload->>'organizationId' = $1", [orgId]);

describe('imports of members', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await createTree(2, 1);
  });

  it('serves a template with Vietnamese headers, a frozen header, drop-downs, notes and an example row', async () => {
    const res = await fetch(`${gatewayBase()}/imports/templates/members.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const data = wb.worksheets[0];
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(['Họ và tên *', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Ngày vào hội *', 'Mã tổ chức']);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getCell('A2').value).toBe('Nguyễn Thị Lan');
    expect(data.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"Nam,Nữ,Khác"'] });
    const notes = wb.getWorksheet('Hướng dẫn')!;
    expect(notes.getCell('A2').value).toBe('Họ và tên');
    for (const kind of ['area-statistics', 'learning-models', 'donations', 'fee-payments']) {
      expect((await fetch(`${gatewayBase()}/imports/templates/${kind}.xlsx`)).status).toBe(200);
    }
    expect((await fetch(`${gatewayBase()}/imports/templates/nothing.xlsx`)).status).toBe(404);
  });

  it('refuses a file with bad rows whole, naming each row and column, and writes no row and no event', async () => {
    const org = t.communeOrgs[0].id;
    const file = await membersFile([
      ['Nguyễn Văn An', 'Nam', 1970, '0912345678', '01/03/2018'],
      ['', 'Nữ', 1980, null, '02/03/2018'],
      ['Trần Thị Bé', 'Nữ', 1981, 'gọi sau', '31/02/2018'],
      ['Lê Văn Cường', 'Không rõ', 1975, null, '2018-03-05'],
    ]);
    const r = await upload('members', file, 'hoi-vien.xlsx', { organizationId: org });
    expect(r.status).toBe(202);
    expect(r.location).toBe(`/imports/${r.body.id}`);
    const done = await finished(r.body.id);
    expect(done.status).toBe('REJECTED');
    expect(done.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Họ và tên'],
      [4, 'Số điện thoại'],
      [4, 'Ngày vào hội'],
      [5, 'Giới tính'],
    ]);
    expect(done.problems[2].message).toMatch(/not a day of the calendar/);
    expect(await membersOf(org)).toBe(0);
    expect(await admittedEvents(org)).toBe(0);
  });

  it('imports the fixed file with one event per row, and the same file again changes nothing', async () => {
    const org = t.communeOrgs[0].id;
    const file = await membersFile([
      ['Nguyễn Văn An', 'Nam', 1970, '0912345678', '01/03/2018'],
      ['Hoàng Thị Nga', 'Nữ', 1980, null, '02/03/2018'],
      ['Trần Thị Bé', 'Nữ', 1981, null, '28/02/2018'],
    ]);
    const first = await importFile('members', file, 'hoi-vien.xlsx', { organizationId: org });
    expect(first).toMatchObject({ status: 'COMPLETED', rows: 3, rowsDone: 3, problemCount: 0, dryRun: false });
    expect(await membersOf(org)).toBe(3);
    expect(await admittedEvents(org)).toBe(3);

    const again = await upload('members', file, 'hoi-vien (1).xlsx', { organizationId: org });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: first.id, status: 'COMPLETED' });
    expect(await membersOf(org)).toBe(3);
    expect(await admittedEvents(org)).toBe(3);

    const { import: viaGraph } = await graphOk(`query($id: ID!) { import(id: $id) { id kind status rows rowsDone sha256 problems { row } } }`, {
      id: first.id,
    });
    expect(viaGraph).toMatchObject({ id: first.id, kind: 'MEMBERS', status: 'COMPLETED', rows: 3, rowsDone: 3, sha256: first.sha256 });
    const { imports } = await graphOk(`{ imports(kind: MEMBERS) { id } }`);
    expect(imports.map((i: { id: string }) => i.id)).toContain(first.id);
  });

  it('validates only on a dry run', async () => {
    const org = t.communeOrgs[1].id;
    const file = await membersFile([['Đặng Văn Dũng', 'Nam', 1966, null, '01/01/2018']]);
    const dry = await importFile('members', file, 'thu.xlsx', { organizationId: org, dryRun: 'true' });
    expect(dry).toMatchObject({ status: 'VALIDATED', dryRun: true, rows: 1, rowsDone: 0 });
    expect(await membersOf(org)).toBe(0);
  });

  it('refuses an officer’s file for another subtree, writing nothing', async () => {
    const [mine, other] = t.districtOrgs;
    const officer = await tokenFor({ role: Role.OFFICER, orgId: mine.id, sub: unique('officer-') });
    const target = t.communeOrgs[1].id; // under the other district
    expect(t.communeOrgs[1].areaId).not.toBe(mine.areaId);
    const file = await membersFile([['Phan Văn Em', 'Nam', 1990, null, '01/05/2018']]);
    const done = await importFile('members', file, 'khac.xlsx', { organizationId: target }, officer);
    expect(done.status).toBe('REJECTED');
    expect(done.problems[0].message).toMatch(/subtree/);
    expect(await membersOf(target)).toBe(0);
    expect(other.id).toBeDefined();

    const analyst = await tokenFor({ role: Role.ANALYST });
    const refused = await upload('members', file, 'khac.xlsx', { organizationId: target }, analyst);
    expect(refused.status).toBe(403);
  });

  it('refuses a missing token and names the upload field', async () => {
    const res = await fetch(`${gatewayBase()}/imports/members`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
    const form = new FormData();
    form.append('other', new Blob([Buffer.from('x')]), 'x.csv');
    const wrong = await fetch(`${gatewayBase()}/imports/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor({ role: Role.ADMIN })}` },
      body: form,
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/field "file"/);
  });
});
