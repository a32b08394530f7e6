import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { PlanMetric, perCapita } from '@khg/domain';
import { External, Requires } from '@khg/platform';
import { AreaFigures, FundraisingMetricActual, PlanIndicator, YearReport, metricActual, type MetricActual, type PlanFigureRef } from '@khg/platform/plan-refs';
import type { FundraisingContext } from '../../context';

/**
 * Adds `fundraisingActuals` to one of the plans subgraph's figure types: money raised as
 * Area.fundraising counts it (the same loader), per inhabitant of the year's population, which
 * comes from membership (@requires).
 */
function fundraisingActualsOn(type: typeof AreaFigures | typeof PlanIndicator | typeof YearReport) {
  @Resolver(() => type)
  class FundraisingActualsResolver {
    @FieldResolver(() => Int, { nullable: true })
    @External()
    areaPopulation(@Root() ref: PlanFigureRef): number | null {
      return (ref.areaPopulation as number | null | undefined) ?? null;
    }

    @FieldResolver(() => [FundraisingMetricActual], { description: 'The fundraising metrics of the area that year (read by the plans subgraph).' })
    @Requires('areaPopulation')
    @Directive('@inaccessible')
    async fundraisingActuals(@Root() ref: PlanFigureRef, @Ctx() ctx: FundraisingContext): Promise<MetricActual[]> {
      const [totals, awards] = await Promise.all([
        ctx.loaders.areaTotals.load({ areaId: ref.areaId, year: ref.year, ancestry: [ref.areaId] }),
        ctx.loaders.awardCount.load({ areaId: ref.areaId, year: ref.year }),
      ]);
      const raised = totals?.raised ?? 0n;
      const perHead = perCapita(raised, (ref.areaPopulation as number | null | undefined) ?? null);
      return [
        metricActual(PlanMetric.FUND_PER_CAPITA, perHead === null ? null : Number(perHead)),
        metricActual(PlanMetric.FUNDS_RAISED, Number(raised)),
        metricActual(PlanMetric.AWARDS_GRANTED, awards),
      ];
    }
  }
  return FundraisingActualsResolver;
}

export const AreaFiguresFundraisingResolver = fundraisingActualsOn(AreaFigures);
export const PlanIndicatorFundraisingResolver = fundraisingActualsOn(PlanIndicator);
export const YearReportFundraisingResolver = fundraisingActualsOn(YearReport);
