import { collapseWhitespace, foldVietnamese, isCivilDate } from '@khg/domain';

/** What a spreadsheet cell holds once read: exceljs gives numbers, dates, strings, rich text or formula results. */
export type RawCell = string | number | boolean | Date | null | undefined | { richText?: { text: string }[]; result?: unknown; text?: string };

/** A cell's value or the clerk-readable reason it could not be read. */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const bad = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** Text of a cell: rich text joined, formulas by their result, NFC (decomposed Vietnamese from Mac/web sources), spaces folded. */
export function cellText(raw: RawCell): string {
  if (raw == null) return '';
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') {
    if (raw.richText) return cellText(raw.richText.map((r) => r.text).join(''));
    if (raw.result !== undefined) return cellText(raw.result as RawCell);
    return cellText(raw.text ?? '');
  }
  return collapseWhitespace(String(raw).normalize('NFC'));
}

/** The comparable form of a header or a drop-down choice: no accents, lower case, no punctuation. */
export const headerKey = (s: string) => foldVietnamese(s.replace(/[*:()]/g, ' '));

// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug already folded in).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad = (n: number) => String(n).padStart(2, '0');

/** A date from an Excel serial number, a date cell, `dd/mm/yyyy` (also `-` or `.`) or `yyyy-mm-dd`. */
export function cellDate(raw: RawCell): CellResult<string | null> {
  if (raw instanceof Date) return ok(raw.toISOString().slice(0, 10));
  if (typeof raw === 'number') {
    if (raw < 1 || raw > 73050) return bad(`${raw} is not a date; write it as dd/mm/yyyy`);
    return ok(new Date(EXCEL_EPOCH + Math.floor(raw) * 86_400_000).toISOString().slice(0, 10));
  }
  const s = cellText(raw);
  if (!s) return ok(null);
  let iso: string | null = null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${pad(+m[2])}-${pad(+m[1])}`;
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) iso = `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`;
  if (/^\d{5}(\.\d+)?$/.test(s)) return cellDate(Number(s));
  if (!iso) return bad(`"${s}" is not a date; write it as dd/mm/yyyy, e.g. 15/03/2018`);
  if (!isCivilDate(iso)) return bad(`"${s}" is not a day of the calendar`);
  return ok(iso);
}

/**
 * A whole amount of VND as written by hand: `50.000`, `50,000`, `50 000`, `50000 đ`, `50.000 VNĐ`.
 * Dots and commas are thousands separators here (dong have no fractions), so `50,5` is refused.
 */
export function cellVnd(raw: RawCell): CellResult<bigint | null> {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) return bad(`${raw} is not a whole number of dong`);
    return ok(BigInt(raw));
  }
  const s = cellText(raw)
    .replace(/(vnđ|vnd|đồng|dong|đ)\.?$/i, '')
    .trim();
  if (!s) return ok(null);
  if (!/^-?\d{1,3}([.,\s]\d{3})*$/.test(s) && !/^-?\d+$/.test(s)) return bad(`"${cellText(raw)}" is not an amount; write whole dong, e.g. 50.000`);
  return ok(BigInt(s.replace(/[.,\s]/g, '')));
}

/** A whole number (population, a year). */
export function cellInt(raw: RawCell): CellResult<number | null> {
  if (typeof raw === 'number') return Number.isInteger(raw) ? ok(raw) : bad(`${raw} is not a whole number`);
  const s = cellText(raw);
  if (!s) return ok(null);
  if (!/^-?\d{1,3}([.,\s]\d{3})*$/.test(s) && !/^-?\d+$/.test(s)) return bad(`"${s}" is not a whole number`);
  const n = Number(s.replace(/[.,\s]/g, ''));
  return Number.isSafeInteger(n) ? ok(n) : bad(`"${s}" is too large`);
}

/** A Vietnamese phone number; one typed as a number lost its leading 0, which is put back. */
export function cellPhone(raw: RawCell): CellResult<string | null> {
  if (typeof raw === 'number') {
    const digits = String(raw);
    if (!Number.isInteger(raw) || digits.length < 8 || digits.length > 11) return bad(`${raw} is not a phone number`);
    return ok(digits.length === 9 || digits.length === 10 ? `0${digits}` : digits);
  }
  const s = cellText(raw).replace(/^'/, '');
  if (!s) return ok(null);
  // a CSV saved from a sheet where the number had already lost its 0
  if (/^[1-9]\d{8,9}$/.test(s)) return ok(`0${s}`);
  if (!/^\+?[0-9][0-9 .-]{7,18}$/.test(s)) return bad(`"${s}" is not a phone number; write digits, e.g. 0912 345 678`);
  return ok(s);
}

/** One of a drop-down's choices, by its Vietnamese label or the API's value, accents and case ignored. */
export function cellChoice<T extends string>(raw: RawCell, choices: Record<string, T>): CellResult<T | null> {
  const s = cellText(raw);
  if (!s) return ok(null);
  const key = headerKey(s);
  for (const [label, value] of Object.entries(choices)) if (headerKey(label) === key || value.toLowerCase() === s.toLowerCase()) return ok(value);
  return bad(`"${s}" is not one of: ${Object.keys(choices).join(', ')}`);
}
