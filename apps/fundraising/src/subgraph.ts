import { ImportWrites, OutboxEvent, importProgressResolverFor, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { Ledger1764700000000 } from './migrations/1764700000000-ledger';
import type { FundraisingContext, FundraisingLoaders } from './context';
import { Fund, LedgerEntry } from './modules/funds/fund.entity';
import { FundResolver, OrganizationFundResolver } from './modules/funds/fund.resolver';
import { FundService } from './modules/funds/fund.service';
import { fundLoaders } from './modules/funds/fund.loaders';
import { Campaign } from './modules/campaigns/campaign.entity';
import { CampaignResolver } from './modules/campaigns/campaign.resolver';
import { CampaignService } from './modules/campaigns/campaign.service';
import { campaignLoaders } from './modules/campaigns/campaign.loaders';
import { Donation } from './modules/donations/donation.entity';
import { DonationResolver } from './modules/donations/donation.resolver';
import { BulkDonationResolver } from './modules/bulk/bulk.resolver';
import { BulkDonationService } from './modules/bulk/bulk.service';
import { DonationService } from './modules/donations/donation.service';
import { donationLoaders } from './modules/donations/donation.loaders';
import { Award } from './modules/awards/award.entity';
import { AwardResolver } from './modules/awards/award.resolver';
import { AwardService } from './modules/awards/award.service';
import { awardLoaders } from './modules/awards/award.loaders';
import { AreaFundraisingResolver } from './modules/stats/stats.resolver';
import { StatsService } from './modules/stats/stats.service';
import { statsLoaders } from './modules/stats/stats.loaders';
import { seedFundraisingDemo } from './demo/seed';
import { FundTransfers1765000000000 } from './migrations/1765000000000-fund-transfers';
import { FundYearTotals1765300000000 } from './migrations/1765300000000-fund-year-totals';
import { DonorKind1765400000000 } from './migrations/1765400000000-donor-kind';
import { ImportWrites1765800000000 } from './migrations/1765800000000-import-writes';
import { FundTransferResolver } from './modules/transfers/transfer.resolver';
import { TransferService } from './modules/transfers/transfer.service';
import { ComparableYear } from '@khg/platform/membership-refs';
import { PersonalData } from './modules/shared/stubs';
import { ComparableYearFundraisingResolver } from './modules/stats/comparable.resolver';
import { PLAN_FIGURE_TYPES, planFigureReferenceResolvers } from '@khg/platform/plan-refs';
import { AreaFiguresFundraisingResolver, PlanIndicatorFundraisingResolver, YearReportFundraisingResolver } from './modules/plan-figures/plan-figures.resolver';
import { PlanFiguresService } from './modules/plan-figures/plan-figures.service';
import { planFigureLoaders } from './modules/plan-figures/plan-figures.loaders';
import { PersonalDataDonationsResolver } from './modules/privacy/privacy.resolver';
import { DonorPrivacyService } from './modules/privacy/privacy.service';
import { privacyLoaders } from './modules/privacy/privacy.loaders';

const ImportProgress = importProgressResolverFor('fundraising');

const resolvers = [
  FundResolver,
  OrganizationFundResolver,
  CampaignResolver,
  DonationResolver,
  BulkDonationResolver,
  ImportProgress,
  AwardResolver,
  AreaFundraisingResolver,
  FundTransferResolver,
  ComparableYearFundraisingResolver,
  AreaFiguresFundraisingResolver,
  PlanIndicatorFundraisingResolver,
  YearReportFundraisingResolver,
  PersonalDataDonationsResolver,
] as const;

/** Fundraising: Study Promotion Funds, their ledgers, campaigns, donations, awards, per-capita figures. */
export const fundraisingSubgraph: SubgraphDefinition<FundraisingLoaders> = {
  ...subgraphIdentity('fundraising'),
  entities: [Fund, LedgerEntry, Campaign, Donation, Award, OutboxEvent],
  migrations: [
    Initial1764600000000,
    Ledger1764700000000,
    FundTransfers1765000000000,
    FundYearTotals1765300000000,
    DonorKind1765400000000,
    ImportWrites1765800000000,
  ],
  schema: {
    resolvers: [...resolvers],
    // Reached only through membership's Area.comparableSeries: declared so this subgraph can extend it.
    // Plans' figure types: reached only through the plans subgraph, extended here with this subgraph's figures.
    orphanedTypes: [ComparableYear, PersonalData, ...PLAN_FIGURE_TYPES],
    referenceResolvers: {
      Fund: { __resolveReference: (ref, ctx: FundraisingContext) => ctx.loaders.fund.load(ref.id) },
      Campaign: { __resolveReference: (ref, ctx: FundraisingContext) => ctx.loaders.campaign.load(ref.id) },
      Donation: { __resolveReference: (ref, ctx: FundraisingContext) => ctx.loaders.donation.load(ref.id) },
      Award: { __resolveReference: (ref, ctx: FundraisingContext) => ctx.loaders.award.load(ref.id) },
      // Membership's entities: the representation (with any @requires fields) is all we need.
      Area: { __resolveReference: (ref) => ref },
      Organization: { __resolveReference: (ref) => ref },
      ComparableYear: { __resolveReference: (ref) => Object.assign(new ComparableYear(), ref) },
      ...planFigureReferenceResolvers,
      // Access is checked by its field (donations).
      PersonalData: { __resolveReference: (ref) => ref },
    },
  },
  wire({ ds, outbox, directory, log }) {
    const funds = new FundService(ds, outbox, directory);
    const campaigns = new CampaignService(ds, outbox, funds);
    const donations = new DonationService(ds, outbox, funds);
    const awards = new AwardService(ds, outbox, funds, directory);
    const stats = new StatsService(ds);
    const figures = new PlanFiguresService(ds);
    const privacy = new DonorPrivacyService(ds, outbox);
    const imports = new ImportWrites(ds, outbox);
    setImmediate(() => void stats.ensureFilled().catch((e: Error) => log.warn({ err: e.message }, 'filling fund year totals failed')));
    return {
      instances: [
        new FundResolver(funds),
        new OrganizationFundResolver(),
        new CampaignResolver(campaigns),
        new DonationResolver(donations, directory),
        new BulkDonationResolver(new BulkDonationService(ds, outbox, funds, imports)),
        new ImportProgress(imports),
        new AwardResolver(awards),
        new AreaFundraisingResolver(),
        new FundTransferResolver(new TransferService(ds, outbox, funds)),
        new ComparableYearFundraisingResolver(),
        new AreaFiguresFundraisingResolver(),
        new PlanIndicatorFundraisingResolver(),
        new YearReportFundraisingResolver(),
        new PersonalDataDonationsResolver(privacy),
      ],
      makeLoaders: () => ({
        ...fundLoaders(funds),
        ...campaignLoaders(campaigns),
        ...donationLoaders(donations),
        ...awardLoaders(awards),
        ...statsLoaders(stats),
        ...planFigureLoaders(figures),
        ...privacyLoaders(privacy),
      }),
    };
  },
  seedDemo: seedFundraisingDemo,
};
