import { cellText, headerKey } from './cells';
import type { Column, ImportParams, KindSpec } from './kinds';
import type { SheetRow } from './read';

/** A problem at a spreadsheet row (as Excel numbers it; 0 = the file as a whole) and column (its header). */
export interface Problem {
  row: number;
  column: string | null;
  message: string;
}

export interface Validated {
  /** the bulk mutation's inputs, in file order */
  inputs: Record<string, unknown>[];
  /** the spreadsheet row of each input */
  rowNumbers: number[];
  problems: Problem[];
  warnings: Problem[];
  /** data rows in the file, good and bad, blank ones not counted */
  rows: number;
}

/** The header row is searched for among the first rows: a title (merged or not) may sit above it. */
const HEADER_SEARCH_ROWS = 20;
/** Enough problems to fix a file; a file with more is refused all the same. */
const MAX_PROBLEMS = 10_000;

const matches = (c: Column, key: string) => [c.header, ...(c.aliases ?? [])].some((h) => headerKey(h) === key);

/** The row holding the most of the kind's headers (at least one required one), and which column is which. */
function findHeader(spec: KindSpec, rows: SheetRow[]): { index: number; columns: (Column | null)[] } | null {
  let best: { index: number; columns: (Column | null)[]; score: number } | null = null;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const columns = rows[i].cells.map((c) => {
      const key = headerKey(cellText(c));
      return key ? (spec.columns.find((col) => matches(col, key)) ?? null) : null;
    });
    const score = columns.filter(Boolean).length;
    if (columns.some((c) => c?.required) && (!best || score > best.score)) best = { index: i, columns, score };
  }
  return best;
}

/**
 * The whole file checked before anything is written: every problem with its row and column, the
 * inputs of the bulk mutation when there is none. Unknown columns are ignored with a warning; a
 * missing required column refuses the file, naming it. The rows are taken as they are read: only
 * the first ones (where the header is looked for) are held, then each row becomes its input and is
 * dropped — 100,000 rows as read held ~65 MB of the gateway's heap until the write.
 */
export async function validateSheet(spec: KindSpec, sheet: AsyncIterable<SheetRow>, params: ImportParams, sha256: string): Promise<Validated> {
  const out: Validated = { inputs: [], rowNumbers: [], problems: [], warnings: [], rows: 0 };
  const iterator = sheet[Symbol.asyncIterator]();
  const rows: SheetRow[] = [];
  for (let next; rows.length < HEADER_SEARCH_ROWS && !(next = await iterator.next()).done;) rows.push(next.value);
  try {
    return await validateRows(spec, rows, { [Symbol.asyncIterator]: () => iterator }, params, sha256, out);
  } finally {
    await iterator.return?.();
  }
}

async function validateRows(
  spec: KindSpec,
  rows: SheetRow[],
  rest: AsyncIterable<SheetRow>,
  params: ImportParams,
  sha256: string,
  out: Validated,
): Promise<Validated> {
  const header = findHeader(spec, rows);
  if (!header) {
    out.problems.push({
      row: 0,
      column: null,
      message: `No header row found in the first ${HEADER_SEARCH_ROWS} rows: the file needs the columns ${spec.columns
        .filter((c) => c.required)
        .map((c) => `"${c.header}"`)
        .join(', ')} (download the template)`,
    });
    return out;
  }
  const headerRow = rows[header.index];
  const present = new Set(header.columns.filter(Boolean).map((c) => c!.field));
  for (const col of spec.columns) {
    if (col.required && !present.has(col.field))
      out.problems.push({ row: headerRow.row, column: col.header, message: `The required column "${col.header}" is missing (${col.note})` });
  }
  header.columns.forEach((c, i) => {
    const title = cellText(headerRow.cells[i]);
    if (!c && title) out.warnings.push({ row: headerRow.row, column: title, message: `Unknown column "${title}" was ignored` });
  });
  const paramProblem = spec.checkParams(params, (f) => present.has(f));
  if (paramProblem) out.problems.push({ row: 0, column: null, message: paramProblem });
  if (out.problems.length) return out;

  const check = (r: SheetRow) => {
    if (r.cells.every((c) => cellText(c) === '')) return; // blank rows (at the end, or between blocks)
    out.rows++;
    const values: Record<string, unknown> = {};
    let rowOk = true;
    header.columns.forEach((col, i) => {
      if (!col) return;
      const read = col.read(r.cells[i]);
      if (!read.ok) {
        rowOk = false;
        if (out.problems.length < MAX_PROBLEMS) out.problems.push({ row: r.row, column: col.header, message: read.message });
      } else if (read.value == null && col.required) {
        rowOk = false;
        if (out.problems.length < MAX_PROBLEMS) out.problems.push({ row: r.row, column: col.header, message: `"${col.header}" is empty; ${col.note}` });
      } else values[col.field] = read.value;
    });
    if (rowOk) {
      out.inputs.push(spec.toInput(values, params, { sha256, row: r.row }));
      out.rowNumbers.push(r.row);
    }
  };
  rows.slice(header.index + 1).forEach(check);
  for await (const r of rest) check(r);
  if (out.inputs.length === 0 && out.problems.length === 0) out.problems.push({ row: 0, column: null, message: 'The file has a header but no rows' });
  return out;
}
