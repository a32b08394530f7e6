import { Field, ObjectType } from 'type-graphql';
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
