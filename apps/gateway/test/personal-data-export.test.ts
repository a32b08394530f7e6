import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Role } from '@khg/domain';
import { admitMember, codes, createTree, graph, graphOk, tokenFor, unique, type Tree } from '@khg/testing';
import { PERSONAL_DATA_SHEETS } from '../src/downloads/personal-data/xlsx';

// A member's personal data as .xlsx through the export links (Law 91/2025/QH15, the right to know):
// the same rights as Query.personalData — ADMIN, or the member themself — checked when the link is opened.

const EXPORT = `query($m: ID, $f: ExportFormat) { export(kind: PERSONAL_DATA, format: $f, memberId: $m) { url expiresAt } }`;

let t: Tree;
let fundId: string;

/** A member with a phone, a birth year, a card, a 2018 fee and a donation made as that member. */
async function fullMember(name: string): Promise<{ id: string; cardNumber: string; receiptNumber: string }> {
  const m = await admitMember(t.communeOrgs[0].id, name, { phone: '0912 345 678', birthYear: 1961, joinedOn: '2017-04-02', gender: 'FEMALE' });
  const card = await graphOk<{ issueMemberCard: { card: { number: string } } }>('mutation($m: ID!) { issueMemberCard(memberId: $m) { card { number } } }', {
    m: m.id,
  });
  await graphOk('mutation($i: RecordFeePaymentInput!) { recordFeePayment(input: $i) { id } }', {
    i: { memberId: m.id, year: 2018, amount: 24000, paidOn: '2018-03-15' },
  });
  const d = await graphOk<{ recordDonation: { receiptNumber: string } }>('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { receiptNumber } }', {
    i: { fundId, donorName: name, donorMemberId: m.id, amount: 1_500_000, receivedOn: '2018-05-10', method: 'CASH', idempotencyKey: randomUUID() },
  });
  return { id: m.id, cardNumber: card.issueMemberCard.card.number, receiptNumber: d.recordDonation.receiptNumber };
}

async function linkFor(memberId: string, token: string): Promise<string> {
  return (await graphOk<{ export: { url: string } }>(EXPORT, { m: memberId }, { token })).export.url;
}

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url); // a browser's GET: no Authorization header
  if (res.status !== 200) throw new Error(`the download answered ${res.status}: ${await res.text()}`);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; .*du-lieu-ca-nhan-mbr_/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) =>
  ws
    .getSheetValues()
    .slice(2)
    .map((r) => (r as unknown[]).slice(1));
const sub = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;

beforeAll(async () => {
  t = await createTree(1, 1);
  fundId = (
    await graphOk<{ openFund: { id: string } }>('mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }', {
      o: t.communeOrgs[0].id,
      n: 'Quỹ Khuyến học xã',
    })
  ).openFund.id;
});

describe('personal data as .xlsx', () => {
  it('gives the member their own workbook: profile, membership periods, fees and donations, typed', async () => {
    const name = unique('Trần Thị Tải ');
    const me = await fullMember(name);
    const mine = await tokenFor({ role: Role.MEMBER, memberId: me.id, sub: `member-${me.id}` });
    const wb = await workbook(await linkFor(me.id, mine));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...PERSONAL_DATA_SHEETS]);

    const profile = wb.getWorksheet('Hồ sơ')!;
    expect(rowsOf(profile)).toEqual([
      ['Mã hội viên', me.id],
      ['Họ và tên', name],
      ['Giới tính', 'Nữ'],
      ['Năm sinh', 1961],
      ['Số điện thoại', '0912 345 678'],
      ['Ngày vào hội', new Date('2017-04-02T00:00:00Z')],
      ['Trạng thái', 'Đang sinh hoạt'],
      ['Tổ chức', t.communeOrgs[0].name],
      ['Số thẻ', me.cardNumber],
      ['Trạng thái thẻ', 'Đang dùng'],
      ['Ngày cấp thẻ', expect.any(Date)],
    ]);
    expect(profile.getCell(7, 2).numFmt).toBe('dd/mm/yyyy');

    const periods = rowsOf(wb.getWorksheet('Quá trình sinh hoạt')!);
    expect(periods).toEqual([[t.communeOrgs[0].name, new Date('2017-04-02T00:00:00Z'), undefined, 'admitted']]);

    const fees = wb.getWorksheet('Hội phí')!;
    expect(rowsOf(fees)).toEqual([[2018, 24000, new Date('2018-03-15T00:00:00Z')]]); // no receipt number was given
    expect(fees.getCell(2, 2).numFmt).toBe('#,##0');

    const donations = wb.getWorksheet('Ủng hộ')!;
    expect(rowsOf(donations)).toEqual([[me.receiptNumber, 'Quỹ Khuyến học xã', new Date('2018-05-10T00:00:00Z'), 1_500_000, name, 'Tiền mặt']]);
    expect(typeof donations.getCell(2, 4).value).toBe('number');
  });

  it("records an admin's download as a read of the member's phone and birth year, listed in the next download", async () => {
    const me = await fullMember(unique('Lê Thị Xem '));
    const admin = await tokenFor({ role: Role.ADMIN, sub: unique('admin-export-') });
    const first = await workbook(await linkFor(me.id, admin));
    expect(rowsOf(first.getWorksheet('Hồ sơ')!)[4]).toEqual(['Số điện thoại', '0912 345 678']);

    const reads = rowsOf((await workbook(await linkFor(me.id, admin))).getWorksheet('Lượt xem dữ liệu')!);
    expect(reads).toContainEqual([sub(admin), 'ADMIN', expect.stringMatching(/birthYear.*phone|phone.*birthYear/), expect.any(Date)]);
  });

  it("refuses another member's data when the link is opened, and analysts and officers too, with nothing of the file sent", async () => {
    const me = await fullMember(unique('Phạm Văn Một '));
    const other = await fullMember(unique('Vũ Thị Hai '));
    const mine = await tokenFor({ role: Role.MEMBER, memberId: me.id, sub: `member-${me.id}` });
    const callers = [
      mine,
      await tokenFor({ role: Role.ANALYST }),
      await tokenFor({ role: Role.OFFICER, orgId: t.communeOrgs[0].id }),
      await tokenFor({ role: Role.DEPARTMENT }),
    ];
    for (const token of callers) {
      const res = await fetch(await linkFor(other.id, token));
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { code: string }).code).toBe('FORBIDDEN');
    }
  });

  it('asks for a member id and XLSX before signing a link', async () => {
    expect(codes(await graph(EXPORT, {}))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(EXPORT, { m: t.communeOrgs[0].id }))).toEqual(['BAD_USER_INPUT']);
    const csv = await graph(EXPORT, { m: 'mbr_00000000-0000-4000-8000-000000000000', f: 'CSV' });
    expect(codes(csv)).toEqual(['BAD_USER_INPUT']);
    expect(csv.errors![0].message).toContain('PERSONAL_DATA exports as XLSX, not CSV');
  });
});
