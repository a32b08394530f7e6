import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PlanMetric } from '@khg/domain';
import { External, Key } from '@khg/platform';
import { FundraisingMetricActual, InspectionsMetricActual, LearningMetricActual, MembershipMetricActual, type MetricActual } from '@khg/platform/plan-refs';
import { Area, Organization } from '../shared/stubs';
import { WorkPlan } from './plan.entity';

/**
 * The figures of one area and year as the subgraphs that own them send them (@external here,
 * @inaccessible in the API): membership's, fundraising's, learning-models' and inspections'. Every type that
 * shows live values carries them, keyed by `id areaId year`.
 */
export const ACTUALS =
  'membershipActuals { metric value } fundraisingActuals { metric value } learningActuals { metric value } inspectionsActuals { metric value }';

@ObjectType({ description: 'A metric’s value for an area and year, against a target when there is one.' })
export class MetricValue {
  @Field(() => PlanMetric)
  metric: PlanMetric;

  @Field(() => Float, { nullable: true, description: 'null: nothing recorded (no denominator, no population).' })
  value: number | null;

  @Field(() => Float, { nullable: true })
  target: number | null;

  @Field(() => Boolean, { nullable: true, description: 'value ≥ target; null without a target or a value.' })
  met: boolean | null;
}

/** Fields shared by the figure-carrying types: the key, and the owners' figures. */
@ObjectType()
export class Figures {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The area the figures are for.' })
  areaId: string;

  @Field(() => Int)
  year: number;

  @Field(() => [MembershipMetricActual])
  @External()
  membershipActuals?: MetricActual[];

  @Field(() => [FundraisingMetricActual])
  @External()
  fundraisingActuals?: MetricActual[];

  @Field(() => [LearningMetricActual])
  @External()
  learningActuals?: MetricActual[];

  @Field(() => [InspectionsMetricActual])
  @External()
  inspectionsActuals?: MetricActual[];
}

@ObjectType({ description: 'Metrics of one area (a child area of a plan’s organisation, or its own).' })
@Key('id areaId year')
export class AreaFigures extends Figures {
  @Field(() => Area)
  area: Area;
}

@ObjectType({ description: 'An indicator of a task (chỉ tiêu): its target and its live actual value for the plan’s organisation and each child area.' })
@Key('id areaId year')
export class PlanIndicator extends Figures {
  @Field(() => PlanMetric)
  metric: PlanMetric;

  @Field(() => Float, { nullable: true, description: 'null: a figure the plan follows without a number.' })
  target: number | null;
}

@ObjectType({ description: 'A task of the plan (nhiệm vụ).' })
export class PlanTask {
  @Field(() => Int)
  number: number;

  @Field()
  title: string;

  @Field(() => [PlanIndicator])
  indicators: PlanIndicator[];
}

@ObjectType({ description: 'The yearly report (báo cáo tổng kết): every metric for the organisation and each child area, targets from its plan.' })
@Key('id areaId year')
export class YearReport extends Figures {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => WorkPlan, { nullable: true, description: 'The plan adopted for that year, if any.' })
  plan: WorkPlan | null;
}
