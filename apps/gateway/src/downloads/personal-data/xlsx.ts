import type { Writable } from 'node:stream';
import type { PreparedDownload, Renderer } from '../renderers';
import { CARD_STATUS, DONATION_METHOD, GENDER, MEMBER_STATUS } from '../labels';
import { checkPersonalDataArgs, loadPersonalData, type PersonalDataExport } from './data';

type Cell = string | number | Date | null;
type Kind = 'text' | 'int' | 'date' | 'vnd' | 'datetime';

interface Column {
  header: string;
  kind: Kind;
  width: number;
}

const DAY_FMT = 'dd/mm/yyyy';
const NUM_FMT: Partial<Record<Kind, string>> = { int: '0', date: DAY_FMT, vnd: '#,##0', datetime: 'dd/mm/yyyy hh:mm' };

/** Sheet names, in the order the workbook has them (the test and docs/security.md name them too). */
export const PERSONAL_DATA_SHEETS = ['Hồ sơ', 'Quá trình sinh hoạt', 'Hội phí', 'Ủng hộ', 'Lượt xem dữ liệu'] as const;

/** A `yyyy-mm-dd` day as the UTC midnight Excel shows as that day; a timestamp as itself. */
const day = (v: string | null | undefined): Date | null => (v ? new Date(`${v}T00:00:00Z`) : null);
const at = (v: string): Date => new Date(v);
const label = (labels: Record<string, string>, v: string | null | undefined) => (v ? (labels[v] ?? v) : null);

interface SheetData {
  name: (typeof PERSONAL_DATA_SHEETS)[number];
  columns: Column[];
  rows: Cell[][];
}

const col = (header: string, kind: Kind, width = 18): Column => ({ header, kind, width });

/** The person's data, sheet by sheet: what the law's right to know asks for, readable without the graph. */
function sheetsOf(d: PersonalDataExport): SheetData[] {
  const m = d.member;
  return [
    {
      name: 'Hồ sơ',
      columns: [col('Thông tin', 'text', 24), col('Giá trị', 'text', 40)],
      rows: [
        ['Mã hội viên', m.id],
        ['Họ và tên', m.fullName],
        ['Giới tính', label(GENDER, m.gender)],
        ['Năm sinh', m.birthYear],
        ['Số điện thoại', m.phone],
        ['Ngày vào hội', day(m.joinedOn)],
        ['Trạng thái', label(MEMBER_STATUS, m.status)],
        ['Tổ chức', m.organization.name],
        ['Số thẻ', m.card?.number ?? null],
        ['Trạng thái thẻ', label(CARD_STATUS, m.card?.status)],
        ['Ngày cấp thẻ', day(m.card?.issuedOn)],
      ],
    },
    {
      name: 'Quá trình sinh hoạt',
      columns: [col('Tổ chức', 'text', 36), col('Từ ngày', 'date'), col('Đến ngày', 'date'), col('Lý do', 'text', 30)],
      rows: m.memberships.map((p) => [p.organization.name, day(p.from), day(p.to), p.reason]),
    },
    {
      name: 'Hội phí',
      columns: [col('Năm', 'int', 10), col('Số tiền (đồng)', 'vnd'), col('Ngày nộp', 'date'), col('Số biên lai', 'text')],
      rows: m.feePayments.map((f) => [f.year, f.amount, day(f.paidOn), f.receiptNumber]),
    },
    {
      name: 'Ủng hộ',
      columns: [
        col('Số phiếu thu', 'text'),
        col('Quỹ', 'text', 30),
        col('Ngày nhận', 'date'),
        col('Số tiền (đồng)', 'vnd'),
        col('Người ủng hộ', 'text', 28),
        col('Hình thức', 'text'),
        col('Đã huỷ', 'text', 30),
      ],
      rows: d.donations.map((x) => [
        x.receiptNumber,
        x.fund.name,
        day(x.receivedOn),
        x.amount,
        x.donorName,
        label(DONATION_METHOD, x.method),
        x.voided ? `Đã huỷ: ${x.voidReason ?? ''}`.trim() : null,
      ]),
    },
    {
      name: 'Lượt xem dữ liệu',
      columns: [col('Người xem', 'text', 30), col('Vai trò', 'text', 14), col('Thông tin đã xem', 'text', 24), col('Thời điểm', 'datetime', 20)],
      rows: d.reads.map((r) => [r.readerId, r.role, r.fields.join(', '), at(r.readAt)]),
    },
  ];
}

/**
 * Written with exceljs's streaming writer straight to the response, sheet after sheet, each row
 * committed as it is added; bold frozen headers, dates as dates and amounts as whole VND numbers.
 */
async function writeWorkbook(sheets: SheetData[], out: Writable): Promise<void> {
  // loaded on the first download, not when the gateway starts
  const { stream } = await import('exceljs');
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Khuyến học Graph';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.commit();
    for (const values of s.rows) {
      const row = ws.addRow(values);
      // a day in a column of mixed values (the profile sheet) still shows as a day
      values.forEach((v, i) => {
        if (v instanceof Date && !NUM_FMT[s.columns[i].kind]) row.getCell(i + 1).numFmt = DAY_FMT;
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/**
 * PERSONAL_DATA as .xlsx (Law 91/2025/QH15, the right to know): the data is read in `prepare`, so a
 * caller refused by membership (neither ADMIN nor the member themself) gets a JSON 403 before any
 * byte of the file.
 */
export const personalDataXlsx: Renderer = {
  check: checkPersonalDataArgs,
  async prepare(args, graph): Promise<PreparedDownload> {
    const data = await loadPersonalData(args, graph);
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `du-lieu-ca-nhan-${data.member.id}.xlsx`,
      disposition: 'attachment',
      write: (out) => writeWorkbook(sheetsOf(data), out),
    };
  },
};
