import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { badInput, connectionOf, decodeCursor, encodeCursor } from '@khg/platform';
import { Member, type MemberConnection } from './member.entity';

/** A name search counts its matches exactly up to here, then estimates (MemberConnection.totalCountIsEstimate). */
export const SEARCH_COUNT_BOUND = 1000;

/** LIKE patterns of one folded search term (see foldVietnamese). */
export interface SearchPatterns {
  /** the name starts with the term */
  startsWith: string;
  /** a later word of the name starts with the term */
  wordStart: string;
  /** the term anywhere in the name */
  inside: string;
}

export function searchPatterns(folded: string): SearchPatterns {
  const escaped = folded.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { startsWith: `${escaped}%`, wordStart: `% ${escaped}%`, inside: `%${escaped}%` };
}

// Under the C collation a LIKE prefix is a range of `members_search_prefix` (search_name COLLATE "C",
// id), read in that order: a page of the first tier stops after its rows, however common the name.
const STARTS = `m.search_name COLLATE "C" LIKE :startsWith ESCAPE '\\'`;
const WORD = `m.search_name LIKE :wordStart ESCAPE '\\'`;
const INSIDE = `m.search_name LIKE :inside ESCAPE '\\'`;

/**
 * BEST_MATCH's tiers, best first. Within the first, alphabetically (the index's order, so a page is
 * read from the index and stops early); within the others, newest last (the primary key's order,
 * which the planner can walk and stop early on when a term is common, or take from the trigram
 * index when it is rare).
 */
const TIERS = [
  { where: [STARTS], byName: true },
  { where: [WORD, `NOT (${STARTS})`], byName: false },
  { where: [INSIDE, `NOT (${STARTS})`, `NOT (${WORD})`], byName: false },
] as const;

type RankedKey = [tier: number, name: string, id: string];

function rankedCursor(key: RankedKey): string {
  return encodeCursor(JSON.stringify(key));
}

function parseRankedCursor(cursor: string): RankedKey {
  const refuse = () => badInput(`after "${cursor}" is not a cursor of this list in BEST_MATCH order (a cursor is only good for the order it came from)`);
  let key: unknown;
  try {
    key = JSON.parse(decodeCursor(cursor));
  } catch {
    throw refuse();
  }
  const ok =
    Array.isArray(key) &&
    key.length === 3 &&
    Number.isInteger(key[0]) &&
    key[0] >= 0 &&
    key[0] < TIERS.length &&
    typeof key[1] === 'string' &&
    typeof key[2] === 'string';
  if (!ok) throw refuse();
  return key as RankedKey;
}

function connection(edges: { node: Member; cursor: string }[], first: number, total: { count: number; estimated: boolean }): MemberConnection {
  return { ...connectionOf(edges, first, total.count), totalCountIsEstimate: total.estimated };
}

/**
 * Name searches over a scope of members (`scoped`: the organisation and status filters, alias `m`):
 * pages in id order or ranked, and a count bounded so that a common name ("nguyen thi", a large
 * share of the province) is never counted in full.
 */
export class MemberSearch {
  constructor(
    private readonly ds: DataSource,
    private readonly scoped: () => SelectQueryBuilder<Member>,
    private readonly patterns: SearchPatterns,
  ) {}

  /**
   * A page in id order ("newest last"), with the bounded count in the same statement; one more
   * (the planner's estimate) past the bound.
   */
  async byId(first: number, after?: string | null): Promise<MemberConnection> {
    const qb = this.withCount(this.scoped().andWhere(INSIDE, this.patterns));
    if (after) qb.andWhere('m.id > :after', { after: decodeCursor(after) });
    const { entities, raw } = await qb
      .orderBy('m.id', 'ASC')
      .limit(first + 1)
      .getRawAndEntities<{ match_count: string }>();
    const rows = first === 0 ? [] : entities;
    // No row carries the count (past the last page): count on its own.
    const counted = raw.length ? Number(raw[0].match_count) : await this.countAlone();
    return connection(
      rows.map((node) => ({ node, cursor: encodeCursor(node.id) })),
      first,
      await this.total(counted),
    );
  }

  /**
   * A page of BEST_MATCH: names starting with the term (alphabetically), then names with a later
   * word starting with it, then names holding it anywhere else (each newest last). One statement
   * per tier the page reaches (a common name's first page: one) and one for the bounded count.
   */
  async ranked(first: number, after?: string | null): Promise<MemberConnection> {
    const from = after ? parseRankedCursor(after) : null;
    const counting = this.countAlone();
    const rows: { node: Member; cursor: string }[] = [];
    for (let tier = from ? from[0] : 0; tier < TIERS.length && rows.length <= first && first > 0; tier++) {
      const { where, byName } = TIERS[tier];
      const qb = this.scoped();
      for (const w of where) qb.andWhere(w, this.patterns);
      const resume = from && from[0] === tier ? from : null;
      if (byName) {
        if (resume)
          qb.andWhere(`(m.search_name COLLATE "C", m.id) > (CAST(:afterName AS text) COLLATE "C", :afterId)`, { afterName: resume[1], afterId: resume[2] });
        qb.orderBy('m.search_name COLLATE "C"', 'ASC').addOrderBy('m.id', 'ASC');
      } else {
        if (resume) qb.andWhere('m.id > :afterId', { afterId: resume[2] });
        qb.orderBy('m.id', 'ASC');
      }
      const found = await qb.limit(first + 1 - rows.length).getMany();
      for (const node of found) rows.push({ node, cursor: rankedCursor([tier, node.searchName, node.id]) });
    }
    return connection(rows, first, await this.total(await counting));
  }

  /**
   * The matches, counted up to the bound + 1, as `match_count` of `qb`: names starting with the term
   * first (a range of the prefix index, read only up to the bound), then, only if those stay within
   * the bound, the others. A common name stops in the index; the trigram index is read for the rest
   * only when it can change the answer.
   */
  private withCount<T extends SelectQueryBuilder<Member>>(qb: T): T {
    const starts = this.scoped()
      .select('1')
      .andWhere(STARTS, this.patterns)
      .limit(SEARCH_COUNT_BOUND + 1);
    const rest = this.scoped()
      .select('1')
      .andWhere(INSIDE, this.patterns)
      .andWhere(`NOT (${STARTS})`)
      .andWhere(`(SELECT count(*) FROM search_starts) <= ${SEARCH_COUNT_BOUND}`)
      .limit(SEARCH_COUNT_BOUND + 1);
    qb.addCommonTableExpression(starts, 'search_starts')
      .addCommonTableExpression(rest, 'search_rest')
      .addSelect('(SELECT count(*) FROM search_starts) + (SELECT count(*) FROM search_rest)', 'match_count');
    return qb;
  }

  /** The bounded count on its own: an aggregate over no rows still answers one row to carry it. */
  private async countAlone(): Promise<number> {
    const carrier = this.ds.getRepository(Member).createQueryBuilder('none').select('count(*)', 'none').where('false');
    const row = await this.withCount(carrier).getRawOne<{ match_count: string }>();
    return Number(row!.match_count);
  }

  /** Past the bound, the planner's estimate of all matches (flagged), never a full count. */
  private async total(counted: number): Promise<{ count: number; estimated: boolean }> {
    if (counted <= SEARCH_COUNT_BOUND) return { count: counted, estimated: false };
    const [sql, params] = this.scoped().select('m.id').andWhere(INSIDE, this.patterns).getQueryAndParameters();
    const [plan] = await this.ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return { count: Math.max(SEARCH_COUNT_BOUND + 1, Math.round(Number(plan['QUERY PLAN'][0].Plan['Plan Rows']))), estimated: true };
  }
}
