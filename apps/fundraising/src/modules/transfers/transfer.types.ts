import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, VndScalar } from '@khg/platform';
import { Fund } from '../funds/fund.entity';

@ObjectType({ description: 'Money moved between two funds: a TRANSFER_OUT entry in one ledger and a TRANSFER_IN entry in the other.' })
export class FundTransfer {
  @Field(() => ID)
  id: string;

  @Field(() => Fund)
  from: Fund;

  @Field(() => Fund)
  to: Fund;

  @Field(() => VndScalar)
  amount: bigint;

  @Field(() => DateScalar)
  on: string;

  @Field()
  reason: string;
}
