import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { Shareable } from './federation';

@ObjectType({ description: 'Where a page of a connection ends.' })
@Shareable()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 500;

/** Checks `first` against the page-size cap, naming the limit. */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${n})`, { limit: MAX_PAGE_SIZE });
  return n;
}

/** Cursors are opaque to clients: base64url of the sort key. */
export const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url');
export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw badInput(`after "${cursor}" is not a cursor this list gave out`);
  return key;
}

/** A page of a connection, as the GraphQL types below carry it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The connection of edges read one past the page (`first + 1` rows): the extra edge only says that a
 * next page exists.
 */
export function connectionOf<T>(edges: readonly { cursor: string; node: T }[], first: number, totalCount: number): Connection<T> {
  const page = edges.slice(0, first);
  return {
    edges: page,
    pageInfo: { hasNextPage: edges.length > first, endCursor: page.length ? page[page.length - 1].cursor : null },
    totalCount,
  };
}

/**
 * `<Name>Connection` and `<Name>Edge` object types for a node type: the same shape as members'
 * (edges with cursors, pageInfo, totalCount), one class pair per list.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class NodeConnection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Items matching the filters, all pages together.' })
    totalCount: number;
  }
  return NodeConnection;
}

/** One key of a keyset order: a SQL expression over the query's alias, and the same value read from a row. */
export interface SortKey<T> {
  expr: string;
  value: (row: T) => string;
}

/** Orders a query by the keys of a keyset order (what a whole list and its pages share). */
export function orderedBy<T extends object>(qb: SelectQueryBuilder<T>, keys: readonly SortKey<T>[], direction: 'ASC' | 'DESC'): SelectQueryBuilder<T> {
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k.expr, direction) : qb.addOrderBy(k.expr, direction)));
  return qb;
}

/**
 * A page of a list in a keyset order, from `after` on: `keys` compared as one row value, all in
 * `direction`, the last of them unique (the id), so the cursor (every key's value) never skips or
 * repeats rows that share the first keys. A nullable key needs an expression without NULLs
 * (`COALESCE(…, 'infinity'::date)`): a row value with a NULL compares as unknown. Two statements
 * (page and total), whatever the page size.
 */
export async function keysetPage<T extends object>(
  qb: SelectQueryBuilder<T>,
  o: { keys: readonly SortKey<T>[]; direction: 'ASC' | 'DESC'; first?: number | null; after?: string | null },
): Promise<Connection<T>> {
  const first = pageSize(o.first);
  const counted = qb.clone();
  if (o.after) {
    let key: unknown;
    try {
      key = JSON.parse(decodeCursor(o.after));
    } catch {
      key = null;
    }
    if (!Array.isArray(key) || key.length !== o.keys.length || !key.every((k) => typeof k === 'string'))
      throw badInput(`after "${o.after}" is not a cursor this list gave out`);
    const params = Object.fromEntries(key.map((k, i) => [`cursor${i}`, k]));
    const op = o.direction === 'DESC' ? '<' : '>';
    qb.andWhere(`(${o.keys.map((k) => k.expr).join(', ')}) ${op} (${o.keys.map((_, i) => `:cursor${i}`).join(', ')})`, params);
  }
  const [rows, totalCount] = await Promise.all([
    first === 0
      ? []
      : orderedBy(qb, o.keys, o.direction)
          .limit(first + 1)
          .getMany(),
    counted.getCount(),
  ]);
  const cursorOf = (row: T) => encodeCursor(JSON.stringify(o.keys.map((k) => k.value(row))));
  return connectionOf(
    rows.map((node) => ({ cursor: cursorOf(node), node })),
    first,
    totalCount,
  );
}

/** A page of a list ordered by a sort column then id, both descending (newest first): see `keysetPage`. */
export function newestFirstPage<T extends { id: string }>(
  qb: SelectQueryBuilder<T>,
  o: { sortColumn: string; sortValue: (row: T) => string; first?: number | null; after?: string | null },
): Promise<Connection<T>> {
  const keys = [
    { expr: o.sortColumn, value: o.sortValue },
    { expr: `${qb.alias}.id`, value: (row: T) => row.id },
  ];
  return keysetPage(qb, { keys, direction: 'DESC', first: o.first, after: o.after });
}
