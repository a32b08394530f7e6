import { keyedLoader } from '@khg/platform';
import type { DonationService } from './donation.service';

export function donationLoaders(donations: DonationService) {
  return {
    donation: keyedLoader(
      (ids: readonly string[]) => donations.byIds(ids),
      (d) => d.id,
    ),
  };
}
export type DonationLoaders = ReturnType<typeof donationLoaders>;
