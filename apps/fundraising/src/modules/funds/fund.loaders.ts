import { keyedLoader } from '@khg/platform';
import type { FundService } from './fund.service';

export function fundLoaders(funds: FundService) {
  return {
    fund: keyedLoader(
      (ids: readonly string[]) => funds.byIds(ids),
      (f) => f.id,
    ),
    fundOfOrganization: keyedLoader(
      (ids: readonly string[]) => funds.ofOrganizations(ids),
      (f) => f.organizationId,
    ),
  };
}
export type FundLoaders = ReturnType<typeof fundLoaders>;
