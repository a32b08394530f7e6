import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { IMPORT_ID_DESCRIPTION } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Donation } from '../donations/donation.entity';
import { RecordDonationInput } from '../donations/donation.input';
import type { BulkDonationService } from './bulk.service';

@Resolver()
export class BulkDonationResolver {
  constructor(private readonly bulk: BulkDonationService) {}

  @Mutation(() => [Donation], {
    description:
      'Records a list of donations (a campaign’s collection sheet), each still idempotent on its key, one DONATION_RECORDED event each. All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}.',
  })
  recordDonations(
    @Ctx() ctx: FundraisingContext,
    @Arg('inputs', () => [RecordDonationInput]) inputs: RecordDonationInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID_DESCRIPTION }) importId?: string,
  ): Promise<Donation[]> {
    return this.bulk.recordDonations(ctx.caller, inputs, importId ?? null);
  }
}
