import { Role } from '@khg/domain';
import type { Caller } from './auth';
import { DomainError } from './errors';

/**
 * Personal data (Vietnam's Decree 13/2023 on personal data protection): members' phone numbers
 * and birth years, individual donors' names. Who may read them:
 * - ADMIN: everywhere;
 * - OFFICER: those of people in its organisation's subtree;
 * - MEMBER: its own;
 * - ANALYST, DEPARTMENT: never (aggregates and non-personal fields only).
 * The owning subgraph checks this on every read (docs/security.md).
 */
export function maySeePersonalData(caller: Caller, subject: { memberId?: string | null; orgAncestry?: readonly string[] | null }): boolean {
  switch (caller.role) {
    case Role.ADMIN:
      return true;
    case Role.OFFICER:
      return !!caller.orgId && !!subject.orgAncestry?.includes(caller.orgId);
    case Role.MEMBER:
      return !!caller.memberId && subject.memberId === caller.memberId;
    default:
      return false;
  }
}

/** The error a withheld personal field reads as (the field itself reads as null). */
export function personalDataWithheld(field: string, caller: Caller): DomainError {
  const why =
    caller.role === Role.OFFICER
      ? 'it belongs to someone outside your organisation’s subtree'
      : caller.role === Role.MEMBER
        ? 'it is not your own record'
        : `the role ${caller.role} sees aggregates and non-personal fields only`;
  return new DomainError('PERSONAL_DATA', `${field} is personal data and is withheld: ${why}`, { field });
}
