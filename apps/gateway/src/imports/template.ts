import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { KindSpec } from './kinds';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
/** Rows the drop-downs cover: a large commune's list. */
const VALIDATED_ROWS = 50_000;

/**
 * The template of a kind: the data sheet (Vietnamese headers, the header row frozen, a drop-down on
 * each column with choices, one example row) and a notes sheet saying what each column takes.
 */
export async function writeTemplate(spec: KindSpec, out: Writable): Promise<void> {
  const { Workbook } = await import('exceljs');
  const wb = new Workbook();
  wb.creator = 'Khuyến học Graph';
  const ws = wb.addWorksheet('Dữ liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.required ? `${c.header} *` : c.header, key: c.field, width: c.width ?? 16 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.field, c.example])));
  spec.columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = ws.getColumn(i + 1).letter;
    // One range rule instead of a rule per cell: the file stays small whatever the row count.
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${letter}2:${letter}${VALIDATED_ROWS}`,
      {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${Object.keys(c.choices).join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Chọn một trong: ${Object.keys(c.choices).join(', ')}`,
      },
    );
  });
  const notes = wb.addWorksheet('Hướng dẫn');
  notes.columns = [
    { header: 'Cột', key: 'column', width: 24 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Nội dung', key: 'note', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of spec.columns) notes.addRow({ column: c.header, required: c.required ? 'Có' : '', note: c.note });
  notes.addRow({});
  notes.addRow({ column: 'Lưu ý', note: `${spec.title}. Giữ nguyên dòng tiêu đề; có thể có dòng tên bảng phía trên. Xoá dòng ví dụ trước khi tải lên.` });
  notes.addRow({
    column: '',
    note: 'Cột không có trong mẫu sẽ bị bỏ qua. Tệp có lỗi bị từ chối toàn bộ, kèm số dòng và tên cột của từng lỗi; không dòng nào được ghi.',
  });
  await wb.xlsx.write(out);
}
