import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { External, Requires } from '@khg/platform';
import { AreaFigures, InspectionsMetricActual, PlanIndicator, YearReport, type MetricActual, type PlanFigureRef } from '@khg/platform/plan-refs';
import type { InspectionsContext } from '../../context';

/**
 * Adds `inspectionsActuals` to one of the plans subgraph's figure types. The subtree of the area
 * in the tree of that year, and whether it is a province, come from membership (@requires), so no
 * SQL crosses schemas.
 */
function inspectionsActualsOn(type: typeof AreaFigures | typeof PlanIndicator | typeof YearReport) {
  @Resolver(() => type)
  class InspectionsActualsResolver {
    @FieldResolver(() => [ID])
    @External()
    subtreeAreaIds(@Root() ref: PlanFigureRef): string[] {
      return (ref.subtreeAreaIds as string[] | undefined) ?? [];
    }

    @FieldResolver(() => Boolean)
    @External()
    areaIsProvince(@Root() ref: PlanFigureRef): boolean {
      return (ref.areaIsProvince as boolean | undefined) ?? false;
    }

    @FieldResolver(() => [InspectionsMetricActual], { description: 'The inspections metrics of the area that year (read by the plans subgraph).' })
    @Requires('subtreeAreaIds areaIsProvince')
    @Directive('@inaccessible')
    inspectionsActuals(@Root() ref: PlanFigureRef, @Ctx() ctx: InspectionsContext): Promise<MetricActual[]> {
      const subtree = (ref.subtreeAreaIds as string[] | undefined) ?? [ref.areaId];
      return ctx.loaders.inspectionsPlanFigures.load({ areaId: ref.areaId, year: ref.year, subtree, isProvince: ref.areaIsProvince === true });
    }
  }
  return InspectionsActualsResolver;
}

export const AreaFiguresInspectionsResolver = inspectionsActualsOn(AreaFigures);
export const PlanIndicatorInspectionsResolver = inspectionsActualsOn(PlanIndicator);
export const YearReportInspectionsResolver = inspectionsActualsOn(YearReport);
