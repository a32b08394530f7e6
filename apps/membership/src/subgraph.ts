import { ImportWrites, OutboxEvent, importProgressResolverFor, loadManifest, subgraphIdentity, type SubgraphDefinition } from '@khg/platform';
import type { MembershipContext, MembershipLoaders } from './context';
import { Initial1764600000000 } from './migrations/1764600000000-initial';
import { AreasOverTime1765000000000 } from './migrations/1765000000000-areas-over-time';
import { OrgYearStats1765200000000 } from './migrations/1765200000000-org-year-stats';
import { Area, AreaLineage, AreaParent, AreaStatistic } from './modules/areas/area.entity';
import { AreaResolver } from './modules/areas/area.resolver';
import { AreaService } from './modules/areas/area.service';
import { areaLoaders } from './modules/areas/area.loaders';
import { Organization } from './modules/organizations/organization.entity';
import { OrganizationResolver } from './modules/organizations/organization.resolver';
import { OrganizationService } from './modules/organizations/organization.service';
import { organizationLoaders } from './modules/organizations/organization.loaders';
import { Member, MemberStatusChange, MembershipPeriod } from './modules/members/member.entity';
import { MemberResolver, MembershipPeriodResolver, OrganizationMembersResolver } from './modules/members/member.resolver';
import { MemberService } from './modules/members/member.service';
import { memberLoaders } from './modules/members/member.loaders';
import { MemberCard } from './modules/cards/card.entity';
import { MemberCardResolver } from './modules/cards/card.resolver';
import { CardService } from './modules/cards/card.service';
import { cardLoaders } from './modules/cards/card.loaders';
import { FeePayment } from './modules/fees/fee.entity';
import { MemberFeesResolver } from './modules/fees/fee.resolver';
import { FeeService } from './modules/fees/fee.service';
import { feeLoaders } from './modules/fees/fee.loaders';
import { CharterOrder } from './modules/charter-orders/charter-order.entity';
import { CharterOrderResolver } from './modules/charter-orders/charter-order.resolver';
import { CharterOrderService } from './modules/charter-orders/charter-order.service';
import { MembershipStatsResolver } from './modules/stats/stats.resolver';
import { StatsService } from './modules/stats/stats.service';
import { statsLoaders } from './modules/stats/stats.loaders';
import { seedMembershipDemo } from './demo/seed';
import { AreaReorganization } from './modules/reorganizations/reorganization.entity';
import {
  AreaLineageResolver,
  AreaReorganizationResolver,
  ComparableYearResolver,
  resolveComparableYear,
} from './modules/reorganizations/reorganization.resolver';
import { ReorganizationService } from './modules/reorganizations/reorganization.service';
import { reorganizationLoaders } from './modules/reorganizations/reorganization.loaders';
import { OrganizationChangeResolver } from './modules/reorganizations/organization-change.resolver';
import { OrganizationChangeService } from './modules/reorganizations/organization-change.service';
import { NodeResolver } from './modules/node/node.resolver';
import { foreignNodeStubs } from './modules/shared/stubs';
import { PLAN_FIGURE_TYPES, planFigureReferenceResolvers } from '@khg/platform/plan-refs';
import { AreaFiguresMembershipResolver, PlanIndicatorMembershipResolver, YearReportMembershipResolver } from './modules/plan-figures/plan-figures.resolver';
import { PlanFiguresService } from './modules/plan-figures/plan-figures.service';
import { planFigureLoaders } from './modules/plan-figures/plan-figures.loaders';
import { PersonalData1765400000000 } from './migrations/1765400000000-personal-data';
import { StatsBuilds1765610000000 } from './migrations/1765610000000-stats-builds';
import { SearchPrefix1766000000000 } from './migrations/1766000000000-search-prefix';
import { ImportWrites1765800000000 } from './migrations/1765800000000-import-writes';
import { PersonalDataResolver } from './modules/privacy/privacy.resolver';
import { PrivacyService } from './modules/privacy/privacy.service';
import { privacyLoaders } from './modules/privacy/privacy.loaders';
import { DonorEraser } from './modules/privacy/donor-eraser';
import type { PersonalData } from './modules/privacy/privacy.types';
import { BulkResolver } from './modules/bulk/bulk.resolver';
import { MemberExportResolver, MemberExportService } from './modules/members/member-export';
import { BulkService } from './modules/bulk/bulk.service';

const ImportProgress = importProgressResolverFor('membership');

const resolvers = [
  AreaResolver,
  OrganizationResolver,
  MemberResolver,
  MembershipPeriodResolver,
  OrganizationMembersResolver,
  MemberCardResolver,
  MemberFeesResolver,
  CharterOrderResolver,
  MembershipStatsResolver,
  NodeResolver,
  AreaReorganizationResolver,
  AreaLineageResolver,
  ComparableYearResolver,
  OrganizationChangeResolver,
  AreaFiguresMembershipResolver,
  PlanIndicatorMembershipResolver,
  YearReportMembershipResolver,
  PersonalDataResolver,
  BulkResolver,
  MemberExportResolver,
  ImportProgress,
] as const;

/** Membership: areas, the organisation tree, members, cards, fees, Charter orders. */
export const membershipSubgraph: SubgraphDefinition<MembershipLoaders> = {
  ...subgraphIdentity('membership'),
  entities: [
    Area,
    AreaStatistic,
    Organization,
    Member,
    MembershipPeriod,
    MemberStatusChange,
    MemberCard,
    FeePayment,
    CharterOrder,
    OutboxEvent,
    AreaParent,
    AreaLineage,
    AreaReorganization,
  ],
  migrations: [
    Initial1764600000000,
    AreasOverTime1765000000000,
    OrgYearStats1765200000000,
    PersonalData1765400000000,
    StatsBuilds1765610000000,
    ImportWrites1765800000000,
    SearchPrefix1766000000000,
  ],
  schema: {
    resolvers: [...resolvers],
    // Plans' figure types: reached only through the plans subgraph, extended here with membership's figures.
    orphanedTypes: [...foreignNodeStubs, ...PLAN_FIGURE_TYPES],
    referenceResolvers: {
      Area: { __resolveReference: (ref, ctx: MembershipContext) => ctx.loaders.area.load(ref.id) },
      Organization: { __resolveReference: (ref, ctx: MembershipContext) => ctx.loaders.organization.load(ref.id) },
      Member: { __resolveReference: (ref, ctx: MembershipContext) => ctx.loaders.member.load(ref.id) },
      ComparableYear: { __resolveReference: (ref, ctx: MembershipContext) => resolveComparableYear(ctx, ref.id) },
      ...planFigureReferenceResolvers,
      // Access is checked by each of its fields.
      PersonalData: { __resolveReference: (ref) => ({ memberId: String(ref.memberId) }) satisfies PersonalData },
    },
  },
  wire({ ds, outbox, log, config }) {
    const areas = new AreaService(ds, outbox);
    const orgs = new OrganizationService(ds, outbox);
    const members = new MemberService(ds, outbox, orgs);
    const cards = new CardService(ds, outbox, members);
    const fees = new FeeService(ds, outbox, members);
    const charterOrders = new CharterOrderService(ds, outbox, orgs);
    const stats = new StatsService(ds, outbox, log);
    // Built in the background when missing (e.g. data loaded by SQL); figures are computed live meanwhile.
    setImmediate(() => stats.buildInBackground());
    const reorgs = new ReorganizationService(ds, outbox);
    const orgChanges = new OrganizationChangeService(ds, outbox, orgs, members);
    const figures = new PlanFiguresService(ds);
    // Fundraising holds donor names recorded against members; erasure asks it to erase its own.
    const fundraising = loadManifest().find((m) => m.name === 'fundraising');
    const fundraisingUrl = fundraising ? (process.env[fundraising.urlVariable] ?? `http://127.0.0.1:${fundraising.port}/graphql`) : null;
    const importWrites = new ImportWrites(ds, outbox);
    const privacy = new PrivacyService(ds, outbox, new DonorEraser(fundraisingUrl, config.INTERNAL_SECRET));
    const memberExport = new MemberExportService(ds, privacy);
    return {
      instances: [
        new AreaResolver(areas),
        new OrganizationResolver(orgs),
        new MemberResolver(members),
        new MembershipPeriodResolver(),
        new OrganizationMembersResolver(),
        new MemberCardResolver(cards),
        new MemberFeesResolver(fees),
        new CharterOrderResolver(charterOrders),
        new MembershipStatsResolver(),
        new NodeResolver(),
        new AreaReorganizationResolver(reorgs),
        new AreaLineageResolver(),
        new ComparableYearResolver(),
        new OrganizationChangeResolver(orgChanges),
        new AreaFiguresMembershipResolver(),
        new PlanIndicatorMembershipResolver(),
        new YearReportMembershipResolver(),
        new PersonalDataResolver(privacy),
        new BulkResolver(new BulkService(ds, outbox, orgs, importWrites)),
        new ImportProgress(importWrites),
        new MemberExportResolver(memberExport),
      ],
      streams: [memberExport.stream],
      makeLoaders: () => ({
        ...areaLoaders(areas),
        ...organizationLoaders(orgs),
        ...memberLoaders(members),
        ...cardLoaders(cards),
        ...feeLoaders(fees),
        ...statsLoaders(stats),
        ...reorganizationLoaders(reorgs, orgChanges),
        ...planFigureLoaders(figures),
        ...privacyLoaders(privacy),
      }),
    };
  },
  seedDemo: seedMembershipDemo,
};
