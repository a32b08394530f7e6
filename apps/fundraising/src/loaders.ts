import { compositeLoader, groupedLoader, keyedLoader } from '@khg/platform';
import type { FundService } from './modules/funds/fund.service';
import type { CampaignService } from './modules/campaigns/campaign.service';
import type { DonationService } from './modules/donations/donation.service';
import type { AwardService } from './modules/awards/award.service';
import { statsKey, type StatsKey, type StatsService } from './modules/stats/stats.service';

export interface Services { funds: FundService; campaigns: CampaignService; donations: DonationService; awards: AwardService; stats: StatsService }

/** One fresh set per request: every relation field and reference resolver batches through these. */
export function fundraisingLoaders(s: Services) {
  return {
    fund: keyedLoader((ids: readonly string[]) => s.funds.byIds(ids), (f) => f.id),
    fundOfOrganization: keyedLoader((ids: readonly string[]) => s.funds.ofOrganizations(ids), (f) => f.organizationId),
    campaign: keyedLoader((ids: readonly string[]) => s.campaigns.byIds(ids), (c) => c.id),
    campaignsOfFund: groupedLoader((ids: readonly string[]) => s.campaigns.ofFunds(ids), (c) => c.fundId),
    campaignRaised: keyedLoader((ids: readonly string[]) => s.campaigns.raised(ids), (r) => r.campaignId),
    donation: keyedLoader((ids: readonly string[]) => s.donations.byIds(ids), (d) => d.id),
    award: keyedLoader((ids: readonly string[]) => s.awards.byIds(ids), (a) => a.id),
    areaTotals: compositeLoader((keys: readonly StatsKey[]) => s.stats.totals(keys), (r) => r.key, statsKey),
  };
}
export type FundraisingLoaders = ReturnType<typeof fundraisingLoaders>;
