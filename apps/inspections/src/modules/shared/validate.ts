import { collapseWhitespace, isCivilDate, isPlausibleYear, todayInVietnam, type IdType } from '@khg/domain';
import { badInput, requireId } from '@khg/platform';

/** Trimmed, whitespace-collapsed text of 1..max characters, or a BAD_USER_INPUT naming the argument. */
export function requiredText(value: string, argument: string, max: number): string {
  const v = collapseWhitespace(value.normalize('NFC'));
  if (!v) throw badInput(`${argument} must not be empty`, { argument });
  if (v.length > max) throw badInput(`${argument} must be at most ${max} characters (it has ${v.length})`, { argument });
  return v;
}

export function optionalText(value: string | null | undefined, argument: string, max: number): string | null {
  if (value == null || !value.trim()) return null;
  return requiredText(value, argument, max);
}

/** Ids of one type, checked and de-duplicated in first-seen order. */
export function distinctIds(type: IdType, ids: readonly string[], argument: string): string[] {
  return [...new Set(ids.map((id) => requireId(type, id, argument)))];
}

/** A date the association could plausibly record (the scalar already checked the format). */
export function plausibleDate(value: string, argument: string): string {
  if (!isCivilDate(value) || !isPlausibleYear(+value.slice(0, 4))) throw badInput(`${argument} ${value} is not a plausible date`, { argument });
  return value;
}

export function notInFuture(value: string, argument: string): string {
  const today = todayInVietnam();
  if (value > today) throw badInput(`${argument} ${value} is in the future (today is ${today})`, { argument });
  return value;
}

export function requireYear(year: number | null | undefined, argument = 'year'): number | null {
  if (year == null) return null;
  if (!isPlausibleYear(year)) throw badInput(`${argument} ${year} is not a plausible year`, { argument });
  return year;
}

/** [first day of the year, first day of the next): a range an index on a date column can use. */
export const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year + 1}-01-01`];
