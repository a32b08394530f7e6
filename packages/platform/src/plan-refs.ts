import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PlanMetric } from '@khg/domain';
import { Key, Shareable } from './federation';

// The plans subgraph's figure-carrying types as the subgraphs that compute the figures see them.
// Each is keyed by `id areaId year`: the owner of a figure needs only the area and the year, and
// adds one hidden (@inaccessible) field with its metrics' values, which the plans subgraph reads
// through @requires to fill the public `values` / `actual` / `met`. Kept out of the package's
// index: only the subgraphs that contribute figures load it.

registerEnumType(PlanMetric, {
  name: 'PlanMetric',
  description: 'What a work plan’s indicator measures (chỉ tiêu); each is computed by the subgraph that owns the figure, for an area in the tree of that year.',
});

/** One metric's value for one area and year; null when nothing was recorded (no denominator). */
export interface MetricActual {
  metric: PlanMetric;
  value: number | null;
}

/**
 * Each owner's metrics travel as a type of its own (`FundraisingMetricActual`…), shared only with
 * the plans subgraph. One value type shared by all five subgraphs composes for Apollo, but Hive
 * Gateway's runtime (graphql-tools stitching) isolates every @requires field with the type it
 * returns and marks that type canonical in each subgraph that has one: three owners' @requires
 * fields made three canonical `MetricActual`s and it refused the supergraph. All are @inaccessible:
 * the API does not change.
 */
function ownedMetricActual(owner: string, what: string) {
  @ObjectType(`${owner}MetricActual`, { description: `One ${what} metric for an area and year (internal to the graph).` })
  @Shareable()
  @Directive('@inaccessible')
  class OwnedMetricActual implements MetricActual {
    @Field(() => PlanMetric)
    metric: PlanMetric;

    @Field(() => Float, { nullable: true })
    value: number | null;
  }
  return OwnedMetricActual;
}

export const MembershipMetricActual = ownedMetricActual('Membership', 'membership');
export const FundraisingMetricActual = ownedMetricActual('Fundraising', 'fundraising');
export const LearningMetricActual = ownedMetricActual('Learning', 'learning-models');
export const InspectionsMetricActual = ownedMetricActual('Inspections', 'inspections');

@ObjectType()
@Key('id areaId year')
export class AreaFigures {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  areaId: string;

  @Field(() => Int)
  year: number;
}

@ObjectType()
@Key('id areaId year')
export class PlanIndicator {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  areaId: string;

  @Field(() => Int)
  year: number;
}

@ObjectType()
@Key('id areaId year')
export class YearReport {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  areaId: string;

  @Field(() => Int)
  year: number;
}

/** Every type whose figures a contributing subgraph adds a field to. */
export const PLAN_FIGURE_TYPES = [AreaFigures, PlanIndicator, YearReport] as const;
export type PlanFigureRef = { id: string; areaId: string; year: number } & Record<string, unknown>;

/** Reference resolvers: nothing to load, the figures work from the key (and what @requires sends). */
export const planFigureReferenceResolvers = {
  AreaFigures: { __resolveReference: (ref: { id: string } & Record<string, unknown>) => ref },
  PlanIndicator: { __resolveReference: (ref: { id: string } & Record<string, unknown>) => ref },
  YearReport: { __resolveReference: (ref: { id: string } & Record<string, unknown>) => ref },
};

export const metricActual = (metric: PlanMetric, value: number | null): MetricActual => ({ metric, value });

/** A share that is unknown without a denominator (nothing recorded), as the metrics define it. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
