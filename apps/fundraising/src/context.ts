import type { RequestContext } from '@khg/platform';
import type { FundLoaders } from './modules/funds/fund.loaders';
import type { CampaignLoaders } from './modules/campaigns/campaign.loaders';
import type { DonationLoaders } from './modules/donations/donation.loaders';
import type { AwardLoaders } from './modules/awards/award.loaders';
import type { StatsLoaders } from './modules/stats/stats.loaders';
import type { PlanFigureLoaders } from './modules/plan-figures/plan-figures.loaders';
import type { PrivacyLoaders } from './modules/privacy/privacy.loaders';

export type FundraisingLoaders = FundLoaders & CampaignLoaders & DonationLoaders & AwardLoaders & StatsLoaders & PlanFigureLoaders & PrivacyLoaders;
export type FundraisingContext = RequestContext<FundraisingLoaders>;
