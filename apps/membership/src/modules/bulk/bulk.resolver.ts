import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { IMPORT_ID_DESCRIPTION } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area } from '../areas/area.entity';
import { FeePayment } from '../fees/fee.entity';
import { RecordFeePaymentInput } from '../fees/fee.input';
import { Member } from '../members/member.entity';
import { AdmitMemberInput } from '../members/member.input';
import { AreaStatisticsRow } from './bulk.input';
import type { BulkService } from './bulk.service';

const ALL_OR_NOTHING =
  'All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}.';

@Resolver()
export class BulkResolver {
  constructor(private readonly bulk: BulkService) {}

  @Mutation(() => [Member], { description: `Admits a list of members (a branch’s list), one MEMBER_ADMITTED event each. ${ALL_OR_NOTHING}` })
  admitMembers(
    @Ctx() ctx: MembershipContext,
    // checked row by row by the service, so that every bad row is named in extensions.rows
    @Arg('inputs', () => [AdmitMemberInput], { validate: false }) inputs: AdmitMemberInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID_DESCRIPTION }) importId?: string,
  ): Promise<Member[]> {
    return this.bulk.admitMembers(ctx.caller, inputs, importId ?? null);
  }

  @Mutation(() => [FeePayment], { description: `Records a list of fee payments (the fee book), one FEE_PAID event each. ${ALL_OR_NOTHING}` })
  recordFeePayments(
    @Ctx() ctx: MembershipContext,
    @Arg('inputs', () => [RecordFeePaymentInput]) inputs: RecordFeePaymentInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID_DESCRIPTION }) importId?: string,
  ): Promise<FeePayment[]> {
    return this.bulk.recordFeePayments(ctx.caller, inputs, importId ?? null);
  }

  @Mutation(() => [Area], { description: `ADMIN: records (or corrects) the population and households of many areas for a year. ${ALL_OR_NOTHING}` })
  recordAreaStatisticsBatch(
    @Ctx() ctx: MembershipContext,
    @Arg('year', () => Int) year: number,
    @Arg('rows', () => [AreaStatisticsRow]) rows: AreaStatisticsRow[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID_DESCRIPTION }) importId?: string,
  ): Promise<Area[]> {
    return this.bulk.recordAreaStatistics(ctx.caller, year, rows, importId ?? null);
  }
}
