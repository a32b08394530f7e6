import { groupedLoader } from '@khg/platform';
import type { DonorPrivacyService } from './privacy.service';

export function privacyLoaders(privacy: DonorPrivacyService) {
  return {
    donationsByDonorMember: groupedLoader(
      (ids: readonly string[]) => privacy.byDonorMembers(ids),
      (d) => d.donorMemberId!,
    ),
  };
}
export type PrivacyLoaders = ReturnType<typeof privacyLoaders>;
