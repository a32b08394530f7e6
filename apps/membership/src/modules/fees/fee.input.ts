import { Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { DateScalar, VndScalar } from '@khg/platform';

@InputType()
export class RecordFeePaymentInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => Int)
  year: number;

  @Field(() => VndScalar, { description: 'Whole dong, positive.' })
  amount: bigint;

  @Field(() => DateScalar)
  paidOn: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50)
  receiptNumber?: string | null;
}
