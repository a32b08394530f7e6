import { Ctx, Directive, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { PlanMetric } from '@khg/domain';
import {
  AreaFigures,
  MembershipMetricActual,
  PlanIndicator,
  YearReport,
  metricActual,
  share,
  type MetricActual,
  type PlanFigureRef,
} from '@khg/platform/plan-refs';
import type { MembershipContext } from '../../context';

/**
 * Adds membership's part to one of the plans subgraph's figure types: the area's subtree and
 * population of that year (which fundraising, learning-models and inspections @require), and the
 * membership metrics. Year-end figures are those of membershipStats (the same loader and
 * statistics), added over the organisations that sit in the area's subtree of that year.
 */
function membershipActualsOn(type: typeof AreaFigures | typeof PlanIndicator | typeof YearReport) {
  @Resolver(() => type)
  class MembershipActualsResolver {
    @FieldResolver(() => [ID], { description: 'The area and every unit under it in the tree of that year (for the other subgraphs’ figures).' })
    @Directive('@inaccessible')
    async subtreeAreaIds(@Root() ref: PlanFigureRef, @Ctx() ctx: MembershipContext): Promise<string[]> {
      return (await ctx.loaders.areaYearScope.load({ areaId: ref.areaId, year: ref.year })).subtree;
    }

    @FieldResolver(() => Int, { nullable: true, description: 'Population recorded for the area that year.' })
    @Directive('@inaccessible')
    async areaPopulation(@Root() ref: PlanFigureRef, @Ctx() ctx: MembershipContext): Promise<number | null> {
      return (await ctx.loaders.areaYearScope.load({ areaId: ref.areaId, year: ref.year })).population;
    }

    @FieldResolver(() => Boolean, {
      description: 'Whether the area is a province (a unit keeps its level for ever): inspections reports province-wide cooperation programmes there.',
    })
    @Directive('@inaccessible')
    async areaIsProvince(@Root() ref: PlanFigureRef, @Ctx() ctx: MembershipContext): Promise<boolean> {
      return (await ctx.loaders.areaYearScope.load({ areaId: ref.areaId, year: ref.year })).isProvince;
    }

    @FieldResolver(() => [MembershipMetricActual], { description: 'The membership metrics of the area that year (read by the plans subgraph).' })
    @Directive('@inaccessible')
    async membershipActuals(@Root() ref: PlanFigureRef, @Ctx() ctx: MembershipContext): Promise<MetricActual[]> {
      const scope = await ctx.loaders.areaYearScope.load({ areaId: ref.areaId, year: ref.year });
      const rows = await Promise.all(
        scope.organizationIds.map((organizationId) => ctx.loaders.membershipStats.load({ organizationId, year: ref.year, includeDescendants: false })),
      );
      let members = 0,
        active = 0,
        carded = 0,
        paid = 0;
      for (const row of rows) {
        const s = row!.stats;
        members += s.members;
        active += s.activeMembers;
        // the statistics give rates over active members: back to whole counts before adding organisations up
        carded += Math.round(s.cardIssuanceRate * s.activeMembers);
        paid += Math.round(s.feeCollectionRate * s.activeMembers);
      }
      return [
        metricActual(PlanMetric.MEMBERS, members),
        metricActual(PlanMetric.NEW_MEMBERS, scope.newMembers),
        metricActual(PlanMetric.MEMBERSHIP_SHARE, scope.population === null ? null : share(members, scope.population)),
        metricActual(PlanMetric.CARD_ISSUANCE_RATE, share(carded, active)),
        metricActual(PlanMetric.FEE_COLLECTION_RATE, share(paid, active)),
        metricActual(PlanMetric.CHARTER_BOOKLETS, scope.charterBooklets),
        metricActual(PlanMetric.NEW_ORGANIZATIONS, scope.newOrganizations),
      ];
    }
  }
  return MembershipActualsResolver;
}

export const AreaFiguresMembershipResolver = membershipActualsOn(AreaFigures);
export const PlanIndicatorMembershipResolver = membershipActualsOn(PlanIndicator);
export const YearReportMembershipResolver = membershipActualsOn(YearReport);
