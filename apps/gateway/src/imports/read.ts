import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { RawCell } from './cells';

/** A spreadsheet row as read: its own row number (1-based, as Excel shows it) and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: RawCell[];
}

export class UnreadableFile extends Error {}

/**
 * Bytes of XML handed to the parser at a time. exceljs turns each piece it is given into all of its
 * parse events and rows before the first row is read, so everything from one piece is alive at once.
 * With the file's 64 KB chunks (~270 rows, ~2.5 MB of objects) a scavenge that came mid-chunk found
 * nearly all of them alive, V8 then allocated those sites straight into old space (allocation-site
 * pretenuring), and the garbage they kept alive was promoted with them: in some runs old space grew
 * by ~60 MB/s and a dry run of 100,000 rows peaked at 420–540 MB RSS instead of 235 MB (found with
 * --trace-gc, --trace-pretenuring and a heap sampling profile; see docs/performance.md). A few
 * KB (~17 rows) at a time are dead again by the next scavenge.
 */
const XML_PIECE_BYTES = 4096;

/** Decodes UTF-8 across chunk boundaries (a character split between two chunks stays whole), a small piece at a time. */
export async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    if (typeof c === 'string') {
      if (c) yield c;
      continue;
    }
    for (let at = 0; at < c.length; at += XML_PIECE_BYTES) {
      const text = decoder.decode(c.subarray(at, at + XML_PIECE_BYTES), { stream: true });
      if (text) yield text;
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
}

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own, so a Vietnamese letter split
 * between two chunks becomes "\uFFFD" (exceljs issues #2063, #2084, unfixed): one in a few
 * thousand rows. Its two text entries are decoded here across chunk boundaries instead.
 */
function utf8Safe<T extends new (...args: never[]) => object>(Base: T): T {
  const B = Base as unknown as new (...args: unknown[]) => ReaderInternals;
  return class extends B {
    override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return super._parseWorksheet(decodeUtf8(iterator), sheetNo);
    }
    override _parseSharedStrings(entry: NodeJS.ReadableStream) {
      entry.setEncoding('utf8');
      return super._parseSharedStrings(entry);
    }
  } as unknown as T;
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The rows of an uploaded `.xlsx` (its first worksheet) or `.csv`/`.txt`, whatever the name says, one at a time as read. */
export function sheetRows(file: Buffer): AsyncGenerator<SheetRow> {
  return isZip(file) ? xlsxRows(file) : delimitedRows(file);
}

/**
 * The first worksheet through exceljs' streaming reader: rows are read one by one (no model of the
 * whole workbook) and handed on as read; number formats are kept so that date cells arrive as dates.
 */
async function* xlsxRows(file: Buffer): AsyncGenerator<SheetRow> {
  let sheets: AsyncIterator<unknown> | undefined;
  let rows: AsyncIterator<{ number: number; values: unknown }>;
  try {
    const { stream } = await import('exceljs');
    const reader = new (utf8Safe(stream.xlsx.WorkbookReader))(Readable.from([file]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      worksheets: 'emit',
    });
    sheets = reader[Symbol.asyncIterator]();
    const first = await sheets.next(); // the first worksheet is the data; a notes sheet may follow
    if (first.done) return;
    rows = (first.value as AsyncIterable<{ number: number; values: unknown }>)[Symbol.asyncIterator]();
  } catch (e) {
    throw unreadableXlsx(e);
  }
  try {
    for (;;) {
      let next: IteratorResult<{ number: number; values: unknown }>;
      try {
        next = await rows.next();
      } catch (e) {
        throw unreadableXlsx(e);
      }
      if (next.done) return;
      yield { row: next.value.number, cells: (next.value.values as RawCell[]).slice(1) };
    }
  } finally {
    // the rest of the workbook (a notes sheet) is not read
    await rows.return?.();
    await sheets?.return?.();
  }
}

const unreadableXlsx = (e: unknown) =>
  new UnreadableFile(`The .xlsx file could not be read (${(e as Error).message}); save it again from Excel as "Excel Workbook (.xlsx)"`);

async function* delimitedRows(file: Buffer): AsyncGenerator<SheetRow> {
  yield* readDelimited(file);
}

/**
 * Text files as Excel writes them: CSV in UTF-8 with or without a BOM, or "Unicode text" (UTF-16 LE
 * with a BOM, tab-separated). The separator is the one the first lines use most: `,` `;` or tab.
 */
function readDelimited(file: Buffer): SheetRow[] {
  let text: string;
  if (file[0] === 0xff && file[1] === 0xfe) text = new TextDecoder('utf-16le').decode(file.subarray(2));
  else if (file[0] === 0xfe && file[1] === 0xff) text = new TextDecoder('utf-16be').decode(file.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
    } catch {
      throw new UnreadableFile('The file is neither .xlsx nor UTF-8/UTF-16 text; in Excel use "Save as → CSV UTF-8" or "Excel Workbook (.xlsx)"');
    }
  }
  const head = text.slice(0, 4000);
  const count = (c: string) => head.split(c).length - 1;
  const delimiter = ['\t', ';', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (e) {
    throw new UnreadableFile(`The text file could not be read as CSV: ${(e as Error).message}`);
  }
  return records.map((cells, i) => ({ row: i + 1, cells }));
}
