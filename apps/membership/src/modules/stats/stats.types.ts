import { Field, Float, Int, ObjectType } from 'type-graphql';
import { VndScalar } from '@khg/platform';

@ObjectType({ description: 'Membership figures of an organisation (and by default its subtree) at the end of a year.' })
export class MembershipStats {
  @Field(() => Int, { description: 'Members on the books at year end (any status but RESIGNED or DECEASED).' })
  members: number;

  @Field(() => Int, { description: 'Members ACTIVE at year end.' })
  activeMembers: number;

  @Field(() => Int, { description: 'Cards issued during the year to these members.' })
  cardsIssued: number;

  @Field(() => Float, { description: 'Active members holding an ACTIVE card at year end ÷ active members, 0..1 (0 when there are none).' })
  cardIssuanceRate: number;

  @Field(() => VndScalar, { description: 'Fees paid for that year in these organisations.' })
  feesCollected: bigint;

  @Field(() => Float, { description: 'Active members who paid that year’s fee ÷ active members, 0..1.' })
  feeCollectionRate: number;
}
