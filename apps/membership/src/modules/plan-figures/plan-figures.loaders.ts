import { DataLoader } from '@khg/platform';
import { areaYearKey, type AreaYearKey, type AreaYearScope, type PlanFiguresService } from './plan-figures.service';

export function planFigureLoaders(figures: PlanFiguresService) {
  return {
    /** subtree, population, organisations and counts of many (area, year) pairs: one SQL statement per batch */
    areaYearScope: new DataLoader<AreaYearKey, AreaYearScope, string>((keys) => figures.scopes(keys), { cacheKeyFn: areaYearKey, maxBatchSize: 1000 }),
  };
}
export type PlanFigureLoaders = ReturnType<typeof planFigureLoaders>;
