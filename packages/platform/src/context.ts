import { Role } from '@khg/domain';
import type { Logger } from 'pino';
import type { Caller } from './auth';
import { forbidden } from './errors';

/** What every resolver receives: the verified caller, this request's loaders, a scoped log. */
export interface RequestContext<L = unknown> {
  caller: Caller;
  requestId: string;
  loaders: L;
  log: Logger;
}

const READ_ROLES = [Role.ADMIN, Role.OFFICER, Role.ANALYST, Role.DEPARTMENT, Role.MEMBER];

/**
 * The one role check of the platform: refuses a caller whose role is not among `roles`, naming what
 * was attempted. `refusal` replaces the default wording where clients already know another one.
 */
export function requireRole(caller: Caller, roles: readonly Role[], action: string, refusal?: string): void {
  if (!roles.includes(caller.role)) {
    throw forbidden(refusal ?? `${action} needs one of the roles ${roles.join(', ')}; you are ${caller.role}`);
  }
}

export function requireReader(caller: Caller): void {
  requireRole(caller, READ_ROLES, 'Reading');
}

/**
 * Writes: ADMIN anywhere; OFFICER only inside its organisation's subtree. `ancestry` is the target
 * organisation's id followed by its ancestors' (any order).
 */
export function requireWriterWithin(caller: Caller, ancestry: readonly string[], action: string): void {
  if (caller.role === Role.ADMIN) return;
  if (caller.role === Role.OFFICER && caller.orgId && ancestry.includes(caller.orgId)) return;
  if (caller.role === Role.OFFICER) {
    throw forbidden(`${action}: your organisation ${caller.orgId} may write only inside its own subtree`);
  }
  throw forbidden(`${action} needs the role ADMIN or OFFICER; you are ${caller.role}`);
}

/** Writes that belong to the province as a whole (areas, policy documents, targets at the top). */
export function requireAdmin(caller: Caller, action: string): void {
  requireRole(caller, [Role.ADMIN], action);
}
