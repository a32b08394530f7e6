import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'One area’s population and households for the year of recordAreaStatisticsBatch.' })
export class AreaStatisticsRow {
  @Field(() => ID)
  areaId: string;

  @Field(() => Int)
  population: number;

  @Field(() => Int)
  households: number;
}
