import { DataLoader } from '@khg/platform';
import { awardCountKey, type AwardCountKey, type PlanFiguresService } from './plan-figures.service';

export function planFigureLoaders(figures: PlanFiguresService) {
  return {
    /** awards granted in many (area, year) pairs: one SQL statement per batch */
    awardCount: new DataLoader<AwardCountKey, number, string>((keys) => figures.awardCounts(keys), { cacheKeyFn: awardCountKey, maxBatchSize: 1000 }),
  };
}
export type PlanFigureLoaders = ReturnType<typeof planFigureLoaders>;
