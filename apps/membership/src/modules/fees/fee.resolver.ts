import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { MembershipContext } from '../../context';
import { Member } from '../members/member.entity';
import { FeePayment } from './fee.entity';
import { RecordFeePaymentInput } from './fee.input';
import type { FeeService } from './fee.service';

@Resolver(() => Member)
export class MemberFeesResolver {
  constructor(private readonly fees: FeeService) {}

  @FieldResolver(() => [FeePayment], { description: 'Fee payments, oldest year first.' })
  feePayments(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<FeePayment[]> {
    return ctx.loaders.memberFees.load(m.id);
  }

  @Mutation(() => FeePayment, { description: 'Records a member’s fee for a year; a second payment for the same year is a CONFLICT.' })
  recordFeePayment(@Ctx() ctx: MembershipContext, @Arg('input', () => RecordFeePaymentInput) input: RecordFeePaymentInput): Promise<FeePayment> {
    return this.fees.record(ctx.caller, input);
  }
}
