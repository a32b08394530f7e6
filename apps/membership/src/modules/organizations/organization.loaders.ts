import { groupedLoader, keyedLoader } from '@khg/platform';
import type { OrganizationService } from './organization.service';

export function organizationLoaders(orgs: OrganizationService) {
  return {
    organization: keyedLoader(
      (ids: readonly string[]) => orgs.byIds(ids),
      (o) => o.id,
    ),
    organizationChildren: groupedLoader(
      (ids: readonly string[]) => orgs.childrenOf(ids),
      (o) => o.parentId ?? '',
    ),
  };
}
export type OrganizationLoaders = ReturnType<typeof organizationLoaders>;
