import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '@khg/domain';
import { forbidden } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area } from '../areas/area.entity';
import { FeePayment, RecordFeePaymentInput } from '../fees/fee.entity';
import { Member } from '../members/member.entity';
import { AdmitMemberInput } from '../members/member.input';
import { AreaStatisticsRow } from './bulk.input';
import type { BulkService } from './bulk.service';
import type { ImportWrites } from './import-writes';

const IMPORT_ID =
  'The import (imp_…) this write belongs to: it is written once for that import (sent again, it answers the rows of the first write), its progress is readable with importWriteProgress, and an IMPORT_FINISHED event commits with its rows.';

@ObjectType({ description: 'How far a running bulk write of an import has got (rows written inside its transaction, visible at its commit).' })
export class ImportWriteProgress {
  @Field(() => Int)
  done: number;

  @Field(() => Int)
  total: number;
}

const ALL_OR_NOTHING =
  'All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}.';

@Resolver()
export class BulkResolver {
  constructor(
    private readonly bulk: BulkService,
    private readonly imports: ImportWrites,
  ) {}

  @Query(() => ImportWriteProgress, { nullable: true, description: 'ADMIN or OFFICER: the progress of an import’s bulk write; null before its first chunk.' })
  importWriteProgress(@Ctx() ctx: MembershipContext, @Arg('importId', () => ID) importId: string): Promise<ImportWriteProgress | null> {
    if (ctx.caller.role !== Role.ADMIN && ctx.caller.role !== Role.OFFICER)
      throw forbidden('The progress of an import is for those who import (ADMIN, OFFICER)');
    return this.imports.progressOf(importId);
  }

  @Mutation(() => [Member], { description: `Admits a list of members (a branch’s list), one MEMBER_ADMITTED event each. ${ALL_OR_NOTHING}` })
  admitMembers(
    @Ctx() ctx: MembershipContext,
    // checked row by row by the service, so that every bad row is named in extensions.rows
    @Arg('inputs', () => [AdmitMemberInput], { validate: false }) inputs: AdmitMemberInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID }) importId?: string,
  ): Promise<Member[]> {
    return this.bulk.admitMembers(ctx.caller, inputs, importId ?? null);
  }

  @Mutation(() => [FeePayment], { description: `Records a list of fee payments (the fee book), one FEE_PAID event each. ${ALL_OR_NOTHING}` })
  recordFeePayments(
    @Ctx() ctx: MembershipContext,
    @Arg('inputs', () => [RecordFeePaymentInput]) inputs: RecordFeePaymentInput[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID }) importId?: string,
  ): Promise<FeePayment[]> {
    return this.bulk.recordFeePayments(ctx.caller, inputs, importId ?? null);
  }

  @Mutation(() => [Area], { description: `ADMIN: records (or corrects) the population and households of many areas for a year. ${ALL_OR_NOTHING}` })
  recordAreaStatisticsBatch(
    @Ctx() ctx: MembershipContext,
    @Arg('year', () => Int) year: number,
    @Arg('rows', () => [AreaStatisticsRow]) rows: AreaStatisticsRow[],
    @Arg('importId', () => ID, { nullable: true, description: IMPORT_ID }) importId?: string,
  ): Promise<Area[]> {
    return this.bulk.recordAreaStatistics(ctx.caller, year, rows, importId ?? null);
  }
}
