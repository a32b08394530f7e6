import { Writable } from 'node:stream';
import { xlsxTable, type TableColumn } from './table-writer';

// The .xlsx goes out while rows are still being written: exceljs's sheet buffer ignores the zip's
// backpressure, and without waiting for it a whole list sat in memory until the end.

interface Row {
  id: string;
  name: string;
  joinedOn: string;
  amount: number;
}

const columns: TableColumn<Row>[] = [
  { header: 'Mã', type: 'text', value: (r) => r.id },
  { header: 'Họ và tên', type: 'text', value: (r) => r.name },
  { header: 'Ngày vào hội', type: 'date', value: (r) => r.joinedOn },
  { header: 'Số tiền', type: 'vnd', value: (r) => r.amount },
];

describe('xlsxTable', () => {
  it('sends the workbook page by page, not at the end', async () => {
    const sent: number[] = [];
    let bytes = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    const writer = await xlsxTable(out, 'Hội viên', columns);
    for (let page = 0; page < 10; page++) {
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        id: `mem_${page}_${i}`,
        name: `Nguyễn Thị Số ${page * 2000 + i}`,
        joinedOn: '2019-03-01',
        amount: 50_000,
      }));
      await writer.write(rows);
      sent.push(bytes);
    }
    await writer.end();
    // what had gone out grew with the pages written, long before the last one
    expect(sent[4]).toBeGreaterThan(bytes / 4);
    expect(sent[9]).toBeGreaterThan(sent[4]);
    expect(bytes).toBeGreaterThan(sent[9]);
  });
});
