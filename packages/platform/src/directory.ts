import DataLoader from 'dataloader';
import { Role, type AreaLevel } from '@khg/domain';
import { forbidden } from './errors';
import { InternalGraphClient } from './internal-graph';
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
  private readonly client: InternalGraphClient;

  constructor(url: string, internalSecret: string, service: string) {
    this.client = new InternalGraphClient(url, internalSecret, service, 'membership');
  }

  private query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return this.client.query<T>(query, variables);
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

  /**
   * The units directly under each parent on a day (the tree of that day): one HTTP call for the
   * batch, one field per parent (membership's `areas(parentId, on)`).
   */
  async childAreas(keys: readonly { parentId: string; on: string }[]): Promise<string[][]> {
    const vars: Record<string, string> = {};
    const fields = keys.map((k, i) => {
      vars[`p${i}`] = k.parentId;
      vars[`d${i}`] = k.on;
      return `c${i}: areas(parentId: $p${i}, on: $d${i}) { id }`;
    });
    const params = keys.map((_, i) => `$p${i}: ID!, $d${i}: Date!`).join(', ');
    const d = await this.query<Record<string, { id: string }[]>>(`query(${params}) { ${fields.join(' ')} }`, vars);
    return keys.map((_, i) => d[`c${i}`].map((a) => a.id));
  }

  /** Per-request loaders over the directory: one HTTP call per batch. */
  loaders() {
    return {
      organizationInfo: new DataLoader<string, OrganizationInfo | null>((ids) => this.organizations(ids), { maxBatchSize: 500 }),
      areaInfo: new DataLoader<string, AreaInfo | null>((ids) => this.areas(ids), { maxBatchSize: 500 }),
      childAreaIds: new DataLoader<{ parentId: string; on: string }, string[], string>((keys) => this.childAreas(keys), {
        maxBatchSize: 50,
        cacheKeyFn: (k) => `${k.parentId}@${k.on}`,
      }),
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
