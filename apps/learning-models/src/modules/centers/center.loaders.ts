import { groupedLoader, keyedLoader } from '@khg/platform';
import type { CenterService } from './center.service';

export function centerLoaders(centers: CenterService) {
  return {
    center: keyedLoader(
      (ids: readonly string[]) => centers.byIds(ids),
      (c) => c.id,
    ),
    centerEvaluations: groupedLoader(
      (ids: readonly string[]) => centers.evaluationsOf(ids),
      (e) => e.centerId,
    ),
  };
}
export type CenterLoaders = ReturnType<typeof centerLoaders>;
