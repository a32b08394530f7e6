import { keyedLoader } from '@khg/platform';
import type { AwardService } from './award.service';

export function awardLoaders(awards: AwardService) {
  return {
    award: keyedLoader(
      (ids: readonly string[]) => awards.byIds(ids),
      (a) => a.id,
    ),
  };
}
export type AwardLoaders = ReturnType<typeof awardLoaders>;
