import { In, type DataSource } from 'typeorm';
import { EventType, checkEntryAmount, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, conflict, newId, type Caller, type Outbox } from '@khg/platform';
import type { MemberService } from '../members/member.service';
import { FeePayment } from './fee.entity';
import type { RecordFeePaymentInput } from './fee.input';

export class FeeService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly members: MemberService,
  ) {}

  async ofMembers(memberIds: readonly string[]): Promise<FeePayment[]> {
    return this.ds.getRepository(FeePayment).find({ where: { memberId: In([...memberIds]) }, order: { year: 'ASC' } });
  }

  async record(caller: Caller, input: RecordFeePaymentInput): Promise<FeePayment> {
    if (!isPlausibleYear(input.year)) throw badInput(`year ${input.year} is outside 1990–2100`);
    const amountProblem = checkEntryAmount(input.amount);
    if (amountProblem) throw badInput(amountProblem);
    if (input.paidOn > todayInVietnam()) throw badInput(`paidOn ${input.paidOn} is in the future`);
    return this.ds.transaction(async (em) => {
      const { member, org } = await this.members.writable(em, caller, input.memberId, 'Recording a fee payment');
      if (input.year < +member.joinedOn.slice(0, 4)) throw badInput(`The member joined in ${member.joinedOn.slice(0, 4)}; no fee is due for ${input.year}`);
      const existing = await em.findOneBy(FeePayment, { memberId: member.id, year: input.year });
      if (existing) throw conflict(`The member already paid the ${input.year} fee on ${existing.paidOn}`, { existingId: existing.id });
      const fee = em.create(FeePayment, {
        id: newId('FeePayment'),
        memberId: member.id,
        organizationId: org.id,
        year: input.year,
        amount: input.amount,
        paidOn: input.paidOn,
        receiptNumber: input.receiptNumber?.trim() || null,
      });
      await em.insert(FeePayment, fee);
      await this.outbox.append(em, caller, {
        type: EventType.FEE_PAID,
        subjectId: member.id,
        areaId: org.areaId,
        payload: { feePaymentId: fee.id, year: fee.year, amount: Number(fee.amount) },
      });
      return fee;
    });
  }
}
