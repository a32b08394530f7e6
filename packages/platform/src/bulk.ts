import { badInput, type DomainError } from './errors';

/** One problem of one row of a bulk write: `index` counts from 0 in the list the caller sent. */
export interface RowError {
  index: number;
  field: string;
  message: string;
}

/**
 * The most rows one bulk mutation takes. Public callers are bounded earlier by the gateway's body
 * limit (about 9,000 short rows per MB); the gateway's own imports send a whole file in one call so
 * that it commits all or nothing.
 */
export const MAX_BULK_ROWS = 200_000;

/** Refuses an empty or oversized list before anything is read. */
export function checkBulkSize(count: number, what: string): void {
  if (count === 0) throw badInput(`${what} is empty: give at least one row`);
  if (count > MAX_BULK_ROWS) throw badInput(`${what} has ${count} rows; at most ${MAX_BULK_ROWS} per call: split the list`, { limit: MAX_BULK_ROWS });
}

/**
 * The one error a refused bulk write answers with: a message naming the first problems and
 * `extensions.rows` listing every bad row (the first 1,000) as {index, field, message}.
 */
export function rowsRefused(errors: readonly RowError[], total: number, verb: string): DomainError {
  const sorted = [...errors].sort((a, b) => a.index - b.index);
  const bad = new Set(sorted.map((e) => e.index)).size;
  const named = sorted
    .slice(0, 3)
    .map((e) => `row ${e.index} ${e.field}: ${e.message}`)
    .join('; ');
  const more = sorted.length > 3 ? `; and ${sorted.length - 3} more (see extensions.rows)` : '';
  return badInput(`${bad} of ${total} rows are invalid, nothing was ${verb}. ${named}${more}`, { rows: sorted.slice(0, 1000), invalidRows: bad });
}

/** Splits a list into consecutive chunks (multi-row INSERTs keep their parameter arrays bounded). */
export function* chunksOf<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let from = 0; from < list.length; from += size) yield list.slice(from, from + size);
}
