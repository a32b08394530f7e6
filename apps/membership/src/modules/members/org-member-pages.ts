import type { DataSource } from 'typeorm';
import { MemberStatus, foldVietnamese } from '@khg/domain';
import { decodeCursor, pageSize, requireId } from '@khg/platform';

/** One organisation's `members(...)` arguments. */
export interface OrgMembersKey {
  organizationId: string;
  first?: number | null;
  after?: string | null;
  status?: MemberStatus | null;
  search?: string | null;
  includeDescendants?: boolean;
}
export const orgMembersKey = (k: OrgMembersKey) =>
  JSON.stringify([k.organizationId, k.first ?? null, k.after ?? null, k.status ?? null, k.search ?? null, !!k.includeDescendants]);

/**
 * Every asked organisation's page of member ids and its count in one statement: a lateral page per
 * organisation (its own members, or its subtree's), in id order. Counts are exact up to `$7` + 1
 * (a name search's bound; no bound otherwise).
 */
const PAGES_SQL = `
SELECT k.ord,
  ARRAY(SELECT m.id FROM members m
        WHERE m.organization_id = ANY(s.scope) AND ($3::text IS NULL OR m.status = $3) AND ($4::text IS NULL OR m.search_name LIKE $4 ESCAPE '\\')
          AND ($5::text IS NULL OR m.id > $5)
        ORDER BY m.id LIMIT k.lim) AS ids,
  (SELECT count(*) FROM (SELECT 1 FROM members m
        WHERE m.organization_id = ANY(s.scope) AND ($3::text IS NULL OR m.status = $3) AND ($4::text IS NULL OR m.search_name LIKE $4 ESCAPE '\\')
        LIMIT $7) c) AS n
FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(org_id, lim, ord)
CROSS JOIN LATERAL (
  SELECT CASE WHEN $6 THEN ARRAY(SELECT o.id FROM organizations o WHERE o.path <@ (SELECT p.path FROM organizations p WHERE p.id = k.org_id))
              ELSE ARRAY[k.org_id] END AS scope
) s`;

export interface OrgMemberIds {
  key: OrgMembersKey;
  /** up to first + 1 ids: one more than the page says whether there is a next one */
  ids: string[];
  count: number;
}

/**
 * Pages of several organisations' members: one statement per distinct set of the other arguments
 * (usually one per request, whatever the number of organisations).
 */
export async function orgMemberIds(ds: DataSource, keys: readonly OrgMembersKey[], countBound: number | null): Promise<OrgMemberIds[]> {
  const groups = new Map<string, OrgMembersKey[]>();
  for (const k of keys) {
    requireId('Organization', k.organizationId, 'organizationId');
    const g = JSON.stringify([k.after ?? null, k.status ?? null, k.search ?? null, !!k.includeDescendants]);
    groups.set(g, [...(groups.get(g) ?? []), k]);
  }
  const out: OrgMemberIds[] = [];
  for (const group of groups.values()) {
    const { after, status, search, includeDescendants } = group[0];
    const folded = search ? foldVietnamese(search) : '';
    const like = folded ? `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows: { ord: string; ids: string[]; n: string }[] = await ds.query(PAGES_SQL, [
      group.map((k) => k.organizationId),
      group.map((k) => pageSize(k.first) + 1),
      status ?? null,
      like,
      after ? decodeCursor(after) : null,
      !!includeDescendants,
      like && countBound !== null ? countBound + 1 : null,
    ]);
    for (const r of rows) {
      const key = group[Number(r.ord) - 1];
      out.push({ key, ids: pageSize(key.first) === 0 ? [] : r.ids, count: Number(r.n) });
    }
  }
  return out;
}
