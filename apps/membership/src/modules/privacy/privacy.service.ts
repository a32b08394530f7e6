import type { DataSource } from 'typeorm';
import { ERASED_NAME, EventType, Role, collapseWhitespace } from '@khg/domain';
import { badInput, conflict, forbidden, notFound, requireAdmin, requireId, type Caller, type Outbox } from '@khg/platform';
import { Member } from '../members/member.entity';
import type { DonorEraser } from './donor-eraser';
import type { PersonalDataRead } from './privacy.types';

/** One personal field read by one caller, as the read log records it. */
export interface FieldRead {
  memberId: string;
  field: string;
  readerId: string;
  role: string;
}

interface ReadRow {
  member_id: string;
  reader_sub: string;
  reader_role: string;
  fields: string[];
  read_at: Date;
}

export class PrivacyService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly donors: DonorEraser,
  ) {}

  /** ADMIN, or the member themself (a MEMBER token naming that member). */
  requireAccess(caller: Caller, memberId: string): void {
    if (caller.role === Role.ADMIN) return;
    if (caller.role === Role.MEMBER && caller.memberId === memberId) return;
    throw forbidden(
      caller.role === Role.MEMBER
        ? 'A member may read only their own personal data'
        : `Reading a person's personal data needs the role ADMIN or that member's own token; you are ${caller.role}`,
    );
  }

  /** The reads of each member's personal fields, newest first (one query for the batch). */
  async readsOf(memberIds: readonly string[]): Promise<(PersonalDataRead & { memberId: string })[]> {
    const rows = (await this.ds.query(
      `SELECT member_id, reader_sub, reader_role, fields, read_at FROM personal_data_reads
       WHERE member_id = ANY($1) ORDER BY id DESC`,
      [memberIds],
    )) as ReadRow[];
    return rows.map((r) => ({ memberId: r.member_id, readerId: r.reader_sub, role: r.reader_role, fields: r.fields, readAt: r.read_at }));
  }

  /** Records a batch of field reads: one row per member and reader, one statement for the batch. */
  async record(reads: readonly FieldRead[]): Promise<void> {
    const rows = new Map<string, { memberId: string; readerId: string; role: string; fields: Set<string> }>();
    for (const r of reads) {
      const key = `${r.memberId}\u0000${r.readerId}\u0000${r.role}`;
      const row = rows.get(key) ?? { memberId: r.memberId, readerId: r.readerId, role: r.role, fields: new Set<string>() };
      row.fields.add(r.field);
      rows.set(key, row);
    }
    const list = [...rows.values()];
    await this.ds.query(
      `INSERT INTO personal_data_reads (member_id, reader_sub, reader_role, fields)
       SELECT m, s, r, string_to_array(f, ',') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(m, s, r, f)`,
      [list.map((r) => r.memberId), list.map((r) => r.readerId), list.map((r) => r.role), list.map((r) => [...r.fields].sort().join(','))],
    );
  }

  /**
   * Erases a member's name, phone number and birth year, here and (first) in fundraising. The row
   * and everything counted or paid stay, so every figure of every year is unchanged. Irreversible:
   * the old values are not kept anywhere (the event and audit entry carry the reason, not the data).
   * Fundraising goes first and is idempotent: if it fails nothing here changed; if this transaction
   * then fails, a retry completes the erasure.
   */
  async erase(caller: Caller, memberId: string, reason: string): Promise<Member> {
    requireAdmin(caller, 'Erasing personal data');
    requireId('Member', memberId, 'memberId');
    const why = collapseWhitespace(reason ?? '');
    if (why.length < 3 || why.length > 1000)
      throw badInput('reason must be 3 to 1000 characters: why the data is erased, e.g. "request of the member, form 12/2026"', { argument: 'reason' });
    const found = await this.ds.getRepository(Member).findOneBy({ id: memberId });
    if (!found) throw notFound('Member', memberId);
    if (found.erasedAt)
      throw conflict(`The personal data of member ${memberId} was already erased on ${found.erasedAt.toISOString()}`, {
        erasedAt: found.erasedAt.toISOString(),
      });
    const donations = await this.donors.erase(caller, memberId, why);
    return this.ds.transaction(async (em) => {
      const member = await em.findOneOrFail(Member, { where: { id: memberId }, lock: { mode: 'pessimistic_write' } });
      if (member.erasedAt) throw conflict(`The personal data of member ${memberId} was already erased on ${member.erasedAt.toISOString()}`);
      await em.update(Member, { id: memberId }, { fullName: ERASED_NAME, searchName: '', phone: null, birthYear: null, erasedAt: () => 'now()' });
      const org = (await em.query('SELECT area_id FROM organizations WHERE id = $1', [member.organizationId])) as { area_id: string }[];
      await this.outbox.append(em, caller, {
        type: EventType.PERSONAL_DATA_ERASED,
        subjectId: memberId,
        areaId: org[0]?.area_id ?? null,
        payload: { reason: why, fields: ['fullName', 'phone', 'birthYear'], donorNamesErased: donations },
      });
      return em.findOneByOrFail(Member, { id: memberId });
    });
  }
}
