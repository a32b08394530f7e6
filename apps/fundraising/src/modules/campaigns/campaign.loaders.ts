import { groupedLoader, keyedLoader } from '@khg/platform';
import type { CampaignService } from './campaign.service';

export function campaignLoaders(campaigns: CampaignService) {
  return {
    campaign: keyedLoader(
      (ids: readonly string[]) => campaigns.byIds(ids),
      (c) => c.id,
    ),
    campaignsOfFund: groupedLoader(
      (ids: readonly string[]) => campaigns.ofFunds(ids),
      (c) => c.fundId,
    ),
    campaignRaised: keyedLoader(
      (ids: readonly string[]) => campaigns.raised(ids),
      (r) => r.campaignId,
    ),
  };
}
export type CampaignLoaders = ReturnType<typeof campaignLoaders>;
