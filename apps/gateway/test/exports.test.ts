import ExcelJS from 'exceljs';
import { Role } from '@khg/domain';
import { createTree, graph, graphOk, codes, testState, tokenFor, type Tree } from '@khg/testing';
import { DownloadSigner } from '../src/downloads/signing';
import { importFile } from './imports-helpers';

// Query.export of the four lists: the link opens without a header, the workbook opens in exceljs
// with the expected rows and cell types (numbers, dates, VND with a thousands format), a frozen
// header and an autofilter; the CSV starts with a BOM; an expired or altered link is refused.

const EXPORT = `query($k: ExportKind!, $f: ExportFormat, $o: ID, $a: ID, $fund: ID, $y: Int) {
  export(kind: $k, format: $f, organizationId: $o, areaId: $a, fundId: $fund, year: $y) { url expiresAt } }`;

async function download(vars: Record<string, unknown>, token?: string): Promise<Response> {
  const { export: link } = await graphOk(EXPORT, vars, { token });
  const res = await fetch(link.url); // a browser's GET: no Authorization header
  if (res.status !== 200) throw new Error(`the download answered ${res.status}: ${await res.text()}`);
  return res;
}

async function workbook(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb.worksheets[0];
}

const valuesOf = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

async function membersFile(names: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  ws.addRow(['Họ và tên', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Ngày vào hội']);
  names.forEach((n, i) => ws.addRow([n, i % 2 ? 'Nam' : 'Nữ', 1960 + i, `091234567${i}`, `0${i + 1}/03/2018`]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('exports', () => {
  let t: Tree;
  let fundId: string;
  beforeAll(async () => {
    t = await createTree(1, 2);
    await importFile('members', await membersFile(['Nguyễn Thị An', 'Trần Văn Bình', 'Lê Thị Cúc']), 'a.xlsx', { organizationId: t.communeOrgs[0].id });
    await importFile('members', await membersFile(['Phạm Văn Dũng']), 'b.xlsx', { organizationId: t.communeOrgs[1].id });
    fundId = (await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khuyến học huyện") { id } }`, { o: t.districtOrgs[0].id })).openFund
      .id;
    await graphOk(`mutation($i: [RecordDonationInput!]!) { recordDonations(inputs: $i) { id } }`, {
      i: [1_250_000, 50_000].map((amount, n) => ({
        fundId,
        donorName: `Nhà hảo tâm ${n + 1}`,
        amount,
        receivedOn: '2018-11-20',
        method: 'CASH',
        idempotencyKey: `export-test-${fundId}-${n}`,
      })),
    });
  });

  it('exports an organisation’s subtree of members as a typed workbook with a frozen header and an autofilter', async () => {
    const ws = await workbook(await download({ k: 'MEMBERS', f: 'XLSX', o: t.districtOrgs[0].id }));
    expect(valuesOf(ws, 1)).toEqual(['Mã hội viên', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Số điện thoại', 'Ngày vào hội', 'Trạng thái', 'Tổ chức', 'Số thẻ']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.rowCount).toBe(5);
    const names = [2, 3, 4, 5].map((r) => ws.getCell(r, 2).value);
    expect(names.sort()).toEqual(['Lê Thị Cúc', 'Nguyễn Thị An', 'Phạm Văn Dũng', 'Trần Văn Bình']);
    const an = [2, 3, 4, 5].find((r) => ws.getCell(r, 2).value === 'Nguyễn Thị An')!;
    expect(ws.getCell(an, 4).value).toBe(1960);
    expect(ws.getCell(an, 6).value).toEqual(new Date('2018-03-01T00:00:00Z'));
    expect(ws.getCell(an, 6).numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell(an, 5).value).toBe('0912345670');
    expect(ws.getCell(an, 3).value).toBe('Nữ');
  });

  it('withholds personal data in an analyst’s export as on screen', async () => {
    const analyst = await tokenFor({ role: Role.ANALYST });
    const ws = await workbook(await download({ k: 'MEMBERS', f: 'XLSX', o: t.communeOrgs[1].id }, analyst));
    expect(ws.getCell(2, 2).value).toBe('Phạm Văn Dũng');
    expect(ws.getCell(2, 4).value).toBeNull();
    expect(ws.getCell(2, 5).value).toBeNull();
  });

  it('exports a CSV that starts with a BOM, dates as dd/mm/yyyy', async () => {
    const res = await download({ k: 'MEMBERS', f: 'CSV', o: t.communeOrgs[1].id });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Mã hội viên,Họ và tên,Giới tính,Năm sinh,Số điện thoại,Ngày vào hội,Trạng thái,Tổ chức,Số thẻ');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',Phạm Văn Dũng,Nữ,1960,0912345670,01/03/2018,Đang sinh hoạt,');
  });

  it('exports a fund’s donations with receipt numbers and VND as numbers with a thousands format', async () => {
    const ws = await workbook(await download({ k: 'DONATIONS', f: 'XLSX', fund: fundId }));
    expect(valuesOf(ws, 2).slice(0, 5)).toEqual(['PT-000001', 'Nhà hảo tâm 1', 1_250_000, new Date('2018-11-20T00:00:00Z'), 'Tiền mặt']);
    expect(ws.getCell(2, 3).numFmt).toBe('#,##0');
    expect(ws.getCell(3, 1).value).toBe('PT-000002');
  });

  it('exports learning-model entries of an area and year, and area statistics of a year', async () => {
    await graphOk(`mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }`, {
      i: [{ kind: 'FAMILY', name: 'Gia đình ông Nguyễn Văn Hùng', areaId: t.villages[0].id, year: 2018 }],
    });
    const entries = await workbook(await download({ k: 'LEARNING_MODEL_ENTRIES', f: 'XLSX', a: t.districts[0].id, y: 2018 }));
    expect(valuesOf(entries, 2).slice(1, 6)).toEqual(['Gia đình học tập', 'Gia đình ông Nguyễn Văn Hùng', t.villages[0].name, 2018, 'Đã đăng ký']);
    await graphOk(`mutation($r: [AreaStatisticsRow!]!) { recordAreaStatisticsBatch(year: 2019, rows: $r) { id } }`, {
      r: [{ areaId: t.communes[0].id, population: 12_500, households: 3_100 }],
    });
    const stats = await workbook(await download({ k: 'AREA_STATISTICS', f: 'XLSX', y: 2019 }));
    const row = [...Array(stats.rowCount).keys()].map((i) => i + 1).find((r) => stats.getCell(r, 1).value === t.communes[0].id)!;
    expect(valuesOf(stats, row).slice(5)).toEqual([12_500, 3_100]);
  });

  it('refuses an expired or altered link, and a list without its arguments', async () => {
    const { export: link } = await graphOk(EXPORT, { k: 'MEMBERS', f: 'CSV', o: t.communeOrgs[1].id });
    const token = /\/downloads\/([^/]+)\//.exec(link.url)![1];
    const [body, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...claims, args: { ...claims.args, organizationId: t.districtOrgs[0].id } })).toString('base64url');
    const tampered = await fetch(link.url.replace(token, `${altered}.${mac}`));
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({ code: 'LINK_INVALID' });
    // a link signed with the gateway's key that expired a minute ago
    const old = new DownloadSigner({ internalSecret: testState().internalSecret }, 600).sign(
      { kind: claims.kind, format: claims.format, args: claims.args, caller: claims.caller },
      Date.now() - 660_000,
    );
    const expired = await fetch(link.url.replace(token, old.token));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ code: 'LINK_EXPIRED' });
    const r = await graph(EXPORT, { k: 'DONATIONS', f: 'CSV' });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toMatch(/needs fundId/);
  });
});
