import { Field, ID, InputType } from 'type-graphql';
import { AwardCategory } from '@khg/domain';
import { DateScalar, VndScalar } from '@khg/platform';

@InputType({ description: 'An award paid from a fund; refused when the fund’s balance is too low.' })
export class GrantAwardInput {
  @Field(() => ID)
  fundId: string;

  @Field(() => AwardCategory)
  category: AwardCategory;

  @Field()
  recipientName: string;

  @Field(() => ID, { description: 'Where the recipient lives or studies: the fund’s area or below.' })
  areaId: string;

  @Field(() => VndScalar, { description: 'Whole dong, positive, at most the fund’s balance.' })
  amount: bigint;

  @Field(() => DateScalar)
  awardedOn: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
