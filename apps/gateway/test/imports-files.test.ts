import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTree, graphOk, sql, type Tree } from '@khg/testing';
import { importFile } from './imports-helpers';

// What real spreadsheets contain, one fixture file each (test/fixtures/imports, written by its
// generate.mjs): a title (merged cells) above the header, dates as serial numbers, dd/mm/yyyy and
// yyyy-mm-dd, amounts as 50.000 / 50,000 / 50000 đ, phone numbers that lost their leading 0,
// decomposed Vietnamese, stray spaces, blank rows at the end, an unknown column, a missing column,
// CSV in UTF-8 with and without BOM and Excel's UTF-16 "Unicode text".

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'imports', name));
const membersOf = (org: string) =>
  sql<{ full_name: string; gender: string | null; birth_year: number | null; phone: string | null; joined_on: string }>(
    `SELECT full_name, gender, birth_year, phone, to_char(joined_on, 'YYYY-MM-DD') AS joined_on FROM membership.members WHERE organization_id = $1 ORDER BY full_name`,
    [org],
  );

describe('imports of real-world files', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await createTree(1, 3);
  });

  it('reads a messy .xlsx: title above the header, three date forms, lost leading zeros, NFD text, spaces, blank rows, an unknown column', async () => {
    const org = t.communeOrgs[0].id;
    const done = await importFile('members', fixture('members-messy.xlsx'), 'members-messy.xlsx', { organizationId: org });
    expect(done).toMatchObject({ status: 'COMPLETED', rows: 4, rowsDone: 4, problemCount: 0 });
    expect(done.warnings).toEqual([{ row: 3, column: 'Ghi chú', message: 'Unknown column "Ghi chú" was ignored' }]);
    const rows = await membersOf(org);
    expect(rows).toEqual([
      { full_name: 'Lê Đức Thắng', gender: 'MALE', birth_year: null, phone: null, joined_on: '2018-04-20' },
      { full_name: 'Nguyễn Thị Hồng', gender: 'FEMALE', birth_year: 1960, phone: '0912345678', joined_on: '2018-03-01' },
      { full_name: 'Phạm Thị Ánh', gender: 'FEMALE', birth_year: 1970, phone: '0912.000.111', joined_on: '2018-05-02' },
      { full_name: 'Trần Văn Bình', gender: 'MALE', birth_year: 1955, phone: '0987 654 321', joined_on: '2018-03-15' },
    ]);
    for (const r of rows) expect(r.full_name).toBe(r.full_name.normalize('NFC'));
  });

  it('refuses a file missing a required column, naming it', async () => {
    const done = await importFile('members', fixture('members-missing-column.xlsx'), 'x.xlsx', { organizationId: t.communeOrgs[1].id });
    expect(done.status).toBe('REJECTED');
    expect(done.problems).toEqual([{ row: 1, column: 'Ngày vào hội', message: expect.stringMatching(/required column "Ngày vào hội" is missing/) }]);
  });

  it.each([
    ['members-utf8-bom.csv', ['Vũ Văn Long', 'Đỗ Thị Hương']],
    ['members-utf8.csv', ['Vũ Văn Lâm', 'Đỗ Thị Hằng']],
    ['members-unicode-text.txt', ['Vũ Văn Lộc', 'Đỗ Thị Hà']],
  ])('reads %s', async (name, names) => {
    const org = t.communeOrgs[2].id;
    const done = await importFile('members', fixture(name), name, { organizationId: org });
    expect(done).toMatchObject({ status: 'COMPLETED', rows: 2 });
    const rows = await membersOf(org);
    for (const n of names) expect(rows.map((r) => r.full_name)).toContain(n);
    expect(rows.find((r) => r.full_name === names[1])).toMatchObject({ phone: '0912345670', gender: 'FEMALE', birth_year: 1981 });
  });

  it('reads amounts written 50.000, 50,000 and 50000 đ into a fund, with receipts and events, once', async () => {
    const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khuyến học xã") { id } }`, { o: t.communeOrgs[0].id });
    const file = fixture('donations-messy.xlsx');
    const done = await importFile('donations', file, 'so-thu.xlsx', { fundId: openFund.id });
    expect(done).toMatchObject({ status: 'COMPLETED', rows: 4 });
    const rows = await sql<{ donor_name: string; amount: string; received_on: string; method: string; receipt_number: string }>(
      `SELECT donor_name, amount::text, to_char(received_on, 'YYYY-MM-DD') AS received_on, method, receipt_number FROM fundraising.donations WHERE fund_id = $1 ORDER BY receipt_seq`,
      [openFund.id],
    );
    expect(rows).toEqual([
      { donor_name: 'Công ty TNHH Minh Đức', amount: '50000', received_on: '2018-11-20', method: 'BANK_TRANSFER', receipt_number: 'PT-000001' },
      { donor_name: 'Trần Văn Bình', amount: '50000', received_on: '2018-11-20', method: 'CASH', receipt_number: 'PT-000002' },
      { donor_name: 'Ẩn danh', amount: '50000', received_on: '2018-11-21', method: 'CASH', receipt_number: 'PT-000003' },
      { donor_name: 'Hội phụ nữ xã', amount: '1200000', received_on: '2018-11-21', method: 'IN_KIND', receipt_number: 'PT-000004' },
    ]);
    const { fund } = await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: openFund.id });
    expect(fund.balance).toBe(1_350_000);
    const events = await sql(`SELECT 1 FROM fundraising.outbox_events WHERE type = 'DONATION_RECORDED' AND payload->>'fundId' = $1`, [openFund.id]);
    expect(events).toHaveLength(4);
  });
});
