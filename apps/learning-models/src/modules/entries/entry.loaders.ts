import { groupedLoader, keyedLoader } from '@khg/platform';
import type { EntryService } from './entry.service';

export function entryLoaders(entries: EntryService) {
  return {
    entry: keyedLoader(
      (ids: readonly string[]) => entries.byIds(ids),
      (e) => e.id,
    ),
    entryHistory: groupedLoader(
      (ids: readonly string[]) => entries.decisionsOf(ids),
      (d) => d.entryId,
    ),
  };
}
export type EntryLoaders = ReturnType<typeof entryLoaders>;
