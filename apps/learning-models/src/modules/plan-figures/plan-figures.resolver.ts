import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { External, Requires } from '@khg/platform';
import { AreaFigures, LearningMetricActual, PlanIndicator, YearReport, type MetricActual, type PlanFigureRef } from '@khg/platform/plan-refs';
import type { LearningContext } from '../../context';

/**
 * Adds `learningActuals` to one of the plans subgraph's figure types. The subtree of the area in
 * the tree of that year comes from membership (@requires), so no SQL crosses schemas.
 */
function learningActualsOn(type: typeof AreaFigures | typeof PlanIndicator | typeof YearReport) {
  @Resolver(() => type)
  class LearningActualsResolver {
    @FieldResolver(() => [ID])
    @External()
    subtreeAreaIds(@Root() ref: PlanFigureRef): string[] {
      return (ref.subtreeAreaIds as string[] | undefined) ?? [];
    }

    @FieldResolver(() => [LearningMetricActual], { description: 'The learning-models metrics of the area that year (read by the plans subgraph).' })
    @Requires('subtreeAreaIds')
    @Directive('@inaccessible')
    learningActuals(@Root() ref: PlanFigureRef, @Ctx() ctx: LearningContext): Promise<MetricActual[]> {
      const subtree = (ref.subtreeAreaIds as string[] | undefined) ?? [ref.areaId];
      return ctx.loaders.learningPlanFigures.load({ areaId: ref.areaId, year: ref.year, subtree });
    }
  }
  return LearningActualsResolver;
}

export const AreaFiguresLearningResolver = learningActualsOn(AreaFigures);
export const PlanIndicatorLearningResolver = learningActualsOn(PlanIndicator);
export const YearReportLearningResolver = learningActualsOn(YearReport);
