import { Field, ID, InputType } from 'type-graphql';
import { DonationMethod } from '@khg/domain';
import { DateScalar, VndScalar } from '@khg/platform';
import { DonorKind } from './donation.entity';

@InputType({ description: 'A donation received by a fund. Idempotent on `idempotencyKey`.' })
export class RecordDonationInput {
  @Field(() => ID)
  fundId: string;

  @Field(() => ID, { nullable: true, description: 'A campaign of the same fund, in the year of `receivedOn`.' })
  campaignId?: string | null;

  @Field()
  donorName: string;

  @Field(() => ID, { nullable: true, description: 'When the donor is a member of the association.' })
  donorMemberId?: string | null;

  @Field(() => DonorKind, { nullable: true, description: 'PERSON (the default) or ORGANIZATION, whose name every reader sees.' })
  donorKind?: DonorKind | null;

  @Field(() => VndScalar, { description: 'Whole dong, positive.' })
  amount: bigint;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => DonationMethod)
  method: DonationMethod;

  @Field({
    description:
      'Chosen by the client, the same on every retry of this donation (e.g. a UUID). The first request records; retries with the same content return that donation; different content under the same key is a CONFLICT.',
  })
  idempotencyKey: string;
}
