// Civil dates travel as "YYYY-MM-DD" strings: no time zone can shift them.

export type CivilDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today in Vietnam (UTC+7), where the association's days begin and end. */
export function todayInVietnam(now: Date = new Date()): CivilDate {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The year rule: per-year figures use the tree valid on 31 December of that year,
 * or today for the current year.
 */
export function referenceDateOfYear(year: number, now: Date = new Date()): CivilDate {
  const today = todayInVietnam(now);
  return year >= +today.slice(0, 4) ? today : `${year}-12-31`;
}

export function yearEnd(year: number): CivilDate {
  return `${year}-12-31`;
}

/** Years the platform accepts for yearly figures. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;
export function isPlausibleYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}
