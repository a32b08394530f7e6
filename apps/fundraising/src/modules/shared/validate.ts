import { collapseWhitespace } from '@khg/domain';
import { badInput } from '@khg/platform';

// Inputs that carry a Vnd (bigint) are checked here rather than with class-validator: its error
// echoes the whole input, and a bigint there cannot be serialised (the answer became an internal
// error instead of BAD_USER_INPUT).

/** Trims and folds inner whitespace; refuses a text outside [min, max] characters, naming the field. */
export function cleanText(value: string, field: string, min: number, max: number, example = ''): string {
  const clean = collapseWhitespace(value);
  if (clean.length < min || clean.length > max) {
    throw badInput(`${field} must be ${min} to ${max} characters${example ? `, e.g. ${example}` : ''} (got ${clean.length})`, { argument: field });
  }
  return clean;
}
