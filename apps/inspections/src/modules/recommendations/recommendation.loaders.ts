import { DataLoader, groupedLoader } from '@khg/platform';
import type { RecommendationService } from './recommendation.service';

export function recommendationLoaders(recs: RecommendationService) {
  return {
    inspectionRecommendations: groupedLoader(
      (ids: readonly string[]) => recs.ofInspections(ids),
      (r) => r.inspectionId,
    ),
    openRecommendations: new DataLoader<string, number>(
      async (ids) => {
        const counts = new Map((await recs.openCounts(ids)).map((c) => [c.organizationId, c.open]));
        return ids.map((id) => counts.get(id) ?? 0);
      },
      { maxBatchSize: 1000 },
    ),
  };
}
export type RecommendationLoaders = ReturnType<typeof recommendationLoaders>;
