import { Field, ID, InputType, Int } from 'type-graphql';
import { VndScalar } from '@khg/platform';

@InputType({ description: 'A new campaign of a fund.' })
export class LaunchCampaignInput {
  @Field(() => ID)
  fundId: string;

  @Field()
  name: string;

  @Field(() => Int)
  year: number;

  @Field(() => VndScalar, { nullable: true, description: 'Whole dong per inhabitant, positive.' })
  perCapitaTarget?: bigint | null;
}
