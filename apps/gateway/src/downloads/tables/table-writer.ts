import type { Writable } from 'node:stream';

/** How a column's cells are typed in the workbook (the CSV writes them as text a Vietnamese Excel reads). */
export type CellType = 'text' | 'int' | 'date' | 'vnd';

export interface TableColumn<R> {
  header: string;
  type: CellType;
  width?: number;
  value(row: R): string | number | null | undefined;
}

export interface TableWriter<R> {
  write(rows: readonly R[]): Promise<void>;
  end(): Promise<void>;
}

const NUM_FMT: Partial<Record<CellType, string>> = { date: 'dd/mm/yyyy', vnd: '#,##0', int: '0' };

/** A `yyyy-mm-dd` day as the UTC midnight Excel shows as that day. */
const asDate = (v: string) => new Date(`${v}T00:00:00Z`);

/**
 * Waits until the zip has taken in the rows written so far. exceljs's sheet buffer writes into the
 * zip's deflate stream without heeding its backpressure, so rows written faster than they are
 * compressed and sent (or than the client reads) pile up in memory: 200,000 members held ~100 MB
 * until the end. The deflate stream is the sheet buffer's pipe (not in exceljs's types); once it has
 * drained, everything behind it (archiver, the HTTP response) has taken the data in with backpressure.
 */
async function zipCaughtUp(ws: unknown): Promise<void> {
  // archiver's stream (readable-stream 2) has no writableNeedDrain getter, only its state
  const pipe = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (!pipe || typeof pipe.once !== 'function') return new Promise<void>((resolve) => setImmediate(resolve));
  while (pipe.writableNeedDrain ?? pipe._writableState?.needDrain) await new Promise<void>((resolve) => pipe.once('drain', resolve));
}

/**
 * A streaming .xlsx: each row is committed as it is written, so memory does not grow with the list.
 * Vietnamese bold headers, the header row frozen, an autofilter over the columns, numbers as
 * numbers, dates as dates (dd/mm/yyyy) and VND with a thousands format.
 */
export async function xlsxTable<R>(out: Writable, sheetName: string, columns: TableColumn<R>[]): Promise<TableWriter<R>> {
  // loaded on the first download, not when the gateway starts
  const { stream } = await import('exceljs');
  const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Khuyến học Graph';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  // One style object per column, given to each of its cells: exceljs finds a style object it has
  // seen in a WeakMap, but works out (and serialises) a new one per cell — a third of the time of
  // 200,000 rows when the format came from the column's style.
  const styles = columns.map((c) => (NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {}));
  return {
    async write(rows) {
      for (const r of rows) {
        const values = columns.map((c) => {
          const v = c.value(r);
          if (v == null || v === '') return null;
          if (c.type === 'date') return asDate(String(v));
          if (c.type === 'int' || c.type === 'vnd') return Number(v);
          return String(v);
        });
        const row = ws.addRow(values);
        row.eachCell((cell, n) => void (cell.style = styles[n - 1]));
        row.commit();
      }
      await zipCaughtUp(ws);
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const ddmmyyyy = (v: string) => `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;

/**
 * A streaming CSV in UTF-8 with a BOM (without it Excel reads Vietnamese as Windows-1252), dates as
 * dd/mm/yyyy and amounts as plain whole numbers, written as the rows come, waiting when the client
 * reads slower than we write.
 */
export function csvTable<R>(out: Writable, columns: TableColumn<R>[]): TableWriter<R> {
  const send = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve)));
  let started = false;
  const start = async () => {
    started = true;
    await send(`\uFEFF${columns.map((c) => quote(c.header)).join(',')}\r\n`);
  };
  return {
    async write(rows) {
      if (!started) await start();
      let chunk = '';
      for (const r of rows) {
        chunk += `${columns
          .map((c) => {
            const v = c.value(r);
            if (v == null) return '';
            return c.type === 'date' ? ddmmyyyy(String(v)) : quote(String(v));
          })
          .join(',')}\r\n`;
      }
      await send(chunk);
    },
    async end() {
      if (!started) await start();
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}
