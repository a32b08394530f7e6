import DataLoader from 'dataloader';
import { Role, type AreaLevel } from '@khg/domain';
import { signInternalCaller, CALLER_HEADER } from './auth';
import { DomainError, forbidden } from './errors';

/** The directory could not answer now: a retryable failure, never an internal error. */
const unavailable = (why: string) =>
  new DomainError('SERVICE_UNAVAILABLE', `Membership is briefly unavailable (${why}); nothing was changed. Retry the request.`, {
    retryable: true,
    serviceName: 'membership',
  });
import type { Caller } from './auth';

/** What other subgraphs need to know of an organisation: where it sits in both trees. */
export interface OrganizationInfo {
  id: string;
  name: string;
  areaId: string;
  /** organisation ids from the root down to this one (inclusive) */
  ancestry: string[];
  /** area ids from the province down to the organisation's area (inclusive) */
  areaAncestry: string[];
  closedOn: string | null;
}

export interface AreaInfo {
  id: string;
  name: string;
  level: AreaLevel;
  /** area ids from the province down to this one (inclusive) */
  ancestry: string[];
  validTo: string | null;
}

interface OrgRow {
  id: string;
  name: string;
  closedOn: string | null;
  ancestorIds: string[];
  area: { id: string; ancestorIds: string[] };
}
interface AreaRow {
  id: string;
  name: string;
  level: AreaLevel;
  validTo: string | null;
  ancestorIds: string[];
}

/**
 * Membership owns areas and organisations; other subgraphs ask it (over HTTP, as a service the
 * gateway would vouch for) where an id sits in the trees, to check an officer's subtree and to
 * record an entry's area ancestry. No SQL crosses schemas.
 */
export class MembershipDirectory {
  constructor(
    private readonly url: string,
    private readonly internalSecret: string,
    private readonly service: string,
  ) {}

  private header: { value: string; until: number } | null = null;

  private async callerHeader(): Promise<string> {
    if (this.header && this.header.until > Date.now()) return this.header.value;
    const value = await signInternalCaller(this.internalSecret, { sub: `service:${this.service}`, role: Role.ADMIN }, '5m');
    this.header = { value, until: Date.now() + 240_000 };
    return value;
  }

  private async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: await this.callerHeader() },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw unavailable(`membership could not be reached (${(e as Error).message})`);
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (!body.data || body.errors?.length) {
      // Membership answering "unavailable" (its database restarting) is as retryable as not answering.
      if (!res.ok || body.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'))
        throw unavailable(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
      throw new Error(`membership directory: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
    }
    return body.data;
  }

  async organizations(ids: readonly string[]): Promise<(OrganizationInfo | null)[]> {
    const d = await this.query<{ organizationsByIds: (OrgRow | null)[] }>(
      'query($ids: [ID!]!) { organizationsByIds(ids: $ids) { id name closedOn ancestorIds area { id ancestorIds } } }',
      { ids },
    );
    return d.organizationsByIds.map(
      (o) =>
        o && {
          id: o.id,
          name: o.name,
          closedOn: o.closedOn,
          areaId: o.area.id,
          ancestry: [...o.ancestorIds, o.id],
          areaAncestry: [...o.area.ancestorIds, o.area.id],
        },
    );
  }

  async areas(ids: readonly string[]): Promise<(AreaInfo | null)[]> {
    const d = await this.query<{ areasByIds: (AreaRow | null)[] }>('query($ids: [ID!]!) { areasByIds(ids: $ids) { id name level validTo ancestorIds } }', {
      ids,
    });
    return d.areasByIds.map((a) => a && { id: a.id, name: a.name, level: a.level, validTo: a.validTo, ancestry: [...a.ancestorIds, a.id] });
  }

  /** Per-request loaders over the directory: one HTTP call per batch. */
  loaders() {
    return {
      organizationInfo: new DataLoader<string, OrganizationInfo | null>((ids) => this.organizations(ids), { maxBatchSize: 500 }),
      areaInfo: new DataLoader<string, AreaInfo | null>((ids) => this.areas(ids), { maxBatchSize: 500 }),
    };
  }
}

export type DirectoryLoaders = ReturnType<MembershipDirectory['loaders']>;

/**
 * Area-scoped writes: ADMIN anywhere; an OFFICER only in the area of its organisation and below.
 * `officerOrg` is the caller's organisation as the directory knows it.
 */
export function requireWriterInArea(caller: Caller, targetAreaAncestry: readonly string[], officerOrg: OrganizationInfo | null, action: string): void {
  if (caller.role === Role.ADMIN) return;
  if (caller.role !== Role.OFFICER) throw forbidden(`${action} needs the role ADMIN or OFFICER; you are ${caller.role}`);
  if (!officerOrg) throw forbidden(`${action}: your organisation ${caller.orgId} is unknown`);
  if (!targetAreaAncestry.includes(officerOrg.areaId)) {
    throw forbidden(`${action}: your organisation ${officerOrg.name} may write only in its own area and below`);
  }
}
