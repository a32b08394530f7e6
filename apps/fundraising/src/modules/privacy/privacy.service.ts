import type { DataSource } from 'typeorm';
import { ERASED_NAME, EventType, Role, collapseWhitespace } from '@khg/domain';
import { badInput, forbidden, requireAdmin, requireId, type Caller, type Outbox } from '@khg/platform';
import { Donation } from '../donations/donation.entity';

export class DonorPrivacyService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** ADMIN, or the member themself (the same rule as membership's personalData). */
  requireAccess(caller: Caller, memberId: string): void {
    if (caller.role === Role.ADMIN) return;
    if (caller.role === Role.MEMBER && caller.memberId === memberId) return;
    throw forbidden('Personal data is for ADMIN or the member themself');
  }

  /** Donations made as each member, in the order they were recorded (one query for the batch). */
  byDonorMembers(memberIds: readonly string[]): Promise<Donation[]> {
    return this.ds
      .getRepository(Donation)
      .createQueryBuilder('d')
      .where('d.donor_member_id = ANY(:ids)', { ids: [...memberIds] })
      .orderBy('d.id', 'ASC')
      .getMany();
  }

  /**
   * Replaces the donor name of every donation recorded against the member. Amounts, receipts and
   * the ledger stay, so every figure holds. Idempotent (membership may retry); audited when it
   * changed something.
   */
  async eraseDonorNames(caller: Caller, memberId: string, reason: string): Promise<number> {
    requireAdmin(caller, 'Erasing personal data');
    requireId('Member', memberId, 'memberId');
    const why = collapseWhitespace(reason ?? '');
    if (why.length < 3 || why.length > 1000) throw badInput('reason must be 3 to 1000 characters', { argument: 'reason' });
    return this.ds.transaction(async (em) => {
      const changed = (await em.query(`UPDATE donations SET donor_name = $2 WHERE donor_member_id = $1 AND donor_name <> $2 RETURNING id`, [
        memberId,
        ERASED_NAME,
      ])) as [unknown[], number];
      const n = changed[1];
      if (n > 0) {
        await this.outbox.append(em, caller, { type: EventType.DONOR_NAMES_ERASED, subjectId: memberId, payload: { donations: n, reason: why } });
      }
      return n;
    });
  }

  /** Donations whose donor name is erased (for the count answered on a retry). */
  async erasedCount(memberId: string): Promise<number> {
    return this.ds.getRepository(Donation).countBy({ donorMemberId: memberId, donorName: ERASED_NAME });
  }
}
