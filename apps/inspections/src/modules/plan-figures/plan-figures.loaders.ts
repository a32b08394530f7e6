import { DataLoader } from '@khg/platform';
import type { MetricActual } from '@khg/platform/plan-refs';
import { figureKey, type FigureKey, type PlanFiguresService } from './plan-figures.service';

export function planFigureLoaders(figures: PlanFiguresService) {
  return {
    /** every inspections metric of many (area, year) pairs: one SQL statement per batch */
    inspectionsPlanFigures: new DataLoader<FigureKey, MetricActual[], string>((keys) => figures.figures(keys), { cacheKeyFn: figureKey, maxBatchSize: 1000 }),
  };
}
export type PlanFigureLoaders = ReturnType<typeof planFigureLoaders>;
