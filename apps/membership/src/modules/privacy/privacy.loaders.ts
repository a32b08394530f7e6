import { DataLoader, groupedLoader } from '@khg/platform';
import type { FieldRead, PrivacyService } from './privacy.service';

export function privacyLoaders(privacy: PrivacyService) {
  return {
    personalDataReads: groupedLoader(
      (ids: readonly string[]) => privacy.readsOf(ids),
      (r) => r.memberId,
    ),
    /** records the personal fields read in one request: one INSERT per batch, however many members */
    personalDataReadLog: new DataLoader<FieldRead, true, string>(
      async (reads) => {
        await privacy.record(reads);
        return reads.map(() => true as const);
      },
      { cacheKeyFn: (r) => `${r.memberId}\u0000${r.field}\u0000${r.readerId}\u0000${r.role}` },
    ),
  };
}
export type PrivacyLoaders = ReturnType<typeof privacyLoaders>;
