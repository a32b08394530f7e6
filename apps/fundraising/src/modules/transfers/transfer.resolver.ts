import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { DateScalar, VndScalar, requireId } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import type { TransferService } from './transfer.service';
import { FundTransfer } from './transfer.types';

@Resolver(() => FundTransfer)
export class FundTransferResolver {
  constructor(private readonly transfers: TransferService) {}

  @Mutation(() => FundTransfer, {
    description:
      'Moves money from one fund to another on `on` (e.g. a dissolved association’s fund to its successor’s): `amount` đồng, or the whole balance when left out. Never overdraws; old entries are never edited. ADMIN, or an OFFICER over both funds.',
  })
  async transferFund(
    @Ctx() ctx: FundraisingContext,
    @Arg('fromFundId', () => ID) fromFundId: string,
    @Arg('toFundId', () => ID) toFundId: string,
    @Arg('on', () => DateScalar) on: string,
    @Arg('reason', () => String) reason: string,
    @Arg('amount', () => VndScalar, { nullable: true }) amount?: bigint,
  ): Promise<FundTransfer> {
    requireId('Fund', fromFundId, 'fromFundId');
    requireId('Fund', toFundId, 'toFundId');
    const t = await this.transfers.transfer(ctx.caller, fromFundId, toFundId, on, reason, amount ?? null);
    ctx.loaders.fund.clearAll();
    const [from, to] = await Promise.all([ctx.loaders.fund.load(t.fromFundId), ctx.loaders.fund.load(t.toFundId)]);
    return { id: t.id, from: from!, to: to!, amount: t.amount, on: t.on, reason: t.reason };
  }
}
