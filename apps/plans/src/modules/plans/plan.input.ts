import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PlanMetric } from '@khg/domain';

@InputType({ description: 'An indicator (chỉ tiêu): a metric and, when the plan states one, its target.' })
export class PlanIndicatorInput {
  @Field(() => PlanMetric)
  metric: PlanMetric;

  @Field(() => Float, {
    nullable: true,
    description: 'Rates and shares as 0..1 (40 % is 0.4); VND and counts as numbers. Leave it out for a figure the plan follows without a number.',
  })
  target?: number | null;
}

@InputType()
export class PlanTaskInput {
  @Field(() => Int, { description: 'The task’s number in the plan (1, 2, …), unique within it.' })
  number: number;

  @Field()
  title: string;

  @Field(() => [PlanIndicatorInput])
  indicators: PlanIndicatorInput[];
}

@InputType()
export class AdoptWorkPlanInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => Int)
  year: number;

  @Field()
  title: string;

  @Field(() => ID, { nullable: true, description: 'The registered PolicyDocument (kind PLAN) of the signed plan.' })
  documentId?: string | null;

  @Field(() => [PlanTaskInput])
  tasks: PlanTaskInput[];
}
