import { DataLoader } from '@khg/platform';
import { rateKey, type RateKey, type RateService } from './rate.service';
import type { LearningModelRate } from './rate.types';

export function rateLoaders(rates: RateService) {
  return {
    /** the four rates of many (area, year) pairs: one SQL statement per batch */
    learningModelRates: new DataLoader<RateKey, LearningModelRate[], string>(
      async (keys) => {
        const found = new Map((await rates.ratesFor(keys)).map((r) => [r.key, r.rates]));
        return keys.map((k) => found.get(rateKey(k)) ?? []);
      },
      { cacheKeyFn: rateKey, maxBatchSize: 1000 },
    ),
  };
}
export type RateLoaders = ReturnType<typeof rateLoaders>;
