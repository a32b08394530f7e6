import { compositeLoader } from '@khg/platform';
import { statsKey, type StatsKey, type StatsService } from './stats.service';

export function statsLoaders(stats: StatsService) {
  return {
    membershipStats: compositeLoader(
      (keys: readonly StatsKey[]) => stats.statsFor(keys),
      (r) => r.key,
      statsKey,
    ),
  };
}
export type StatsLoaders = ReturnType<typeof statsLoaders>;
