import { compositeLoader, groupedLoader } from '@khg/platform';
import type { OrganizationChangeService } from './organization-change.service';
import { seriesKey, type ReorganizationService } from './reorganization.service';

export function reorganizationLoaders(reorgs: ReorganizationService, orgChanges: OrganizationChangeService) {
  return {
    organizationHistory: groupedLoader(
      (ids: readonly string[]) => orgChanges.history(ids),
      (r) => r.organization_id,
    ),
    comparableSeries: compositeLoader(
      (keys: readonly { areaId: string; fromYear: number; toYear: number }[]) => reorgs.comparableSeries(keys),
      (row) => row.key,
      seriesKey,
    ),
  };
}
export type ReorganizationLoaders = ReturnType<typeof reorganizationLoaders>;
