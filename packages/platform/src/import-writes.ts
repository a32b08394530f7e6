import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { EventType, Role } from '@khg/domain';
import type { RequestContext } from './context';
import { Shareable } from './federation';
import { conflict, forbidden } from './errors';
import { requireId } from './ids';
import type { Caller } from './auth';
import type { Outbox } from './outbox';

/** The bulk mutation an import wrote with (one import, one operation). */
export type ImportOperation = string;

/**
 * Needs, in the subgraph's schema, the tables `import_writes (import_id text PRIMARY KEY, operation
 * text, ids text[], written_at timestamptz)` and `import_write_progress (import_id text PRIMARY KEY,
 * done int, total int, updated_at timestamptz)`.
 *
 * What a bulk write does for the import it belongs to (its `importId`): it is written once — the
 * import id is claimed in the write's own transaction, so a gateway that restarted after the commit
 * and is sent the same file again gets the first write's rows back, never a second copy — its
 * progress is readable while it runs, and IMPORT_FINISHED commits with its rows.
 */
export class ImportWrites {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** The ids an earlier, committed write of this import wrote, or null if it has none. */
  async written(importId: string, operation: ImportOperation): Promise<string[] | null> {
    requireId('Import', importId, 'importId');
    const [row]: { operation: string; ids: string[] }[] = await this.ds.query('SELECT operation, ids FROM import_writes WHERE import_id = $1', [importId]);
    if (!row) return null;
    if (row.operation !== operation) throw conflict(`import ${importId} already wrote with ${row.operation}, not ${operation}`);
    return row.ids;
  }

  /**
   * Claims the import id inside the write's transaction. A concurrent write of the same import waits
   * here for the first to end: if it committed, this one is answered with its ids (the caller rolls
   * back what it would have written); if it rolled back, this one goes ahead.
   */
  async claim(em: EntityManager, importId: string, operation: ImportOperation, ids: readonly string[]): Promise<string[] | null> {
    const claimed = await em.query(
      'INSERT INTO import_writes (import_id, operation, ids) VALUES ($1, $2, $3) ON CONFLICT (import_id) DO NOTHING RETURNING import_id',
      [importId, operation, ids],
    );
    if (claimed.length) return null;
    return (await em.query('SELECT ids FROM import_writes WHERE import_id = $1', [importId]))[0].ids;
  }

  /**
   * How many rows the running write has written, outside its transaction (on a pooled connection
   * of its own) so the gateway sees it before the commit. A failure here must not fail the write.
   */
  async progress(importId: string, done: number, total: number): Promise<void> {
    await this.ds
      .query(
        `INSERT INTO import_write_progress (import_id, done, total) VALUES ($1, $2, $3)
         ON CONFLICT (import_id) DO UPDATE SET done = excluded.done, total = excluded.total, updated_at = now()`,
        [importId, done, total],
      )
      .catch(() => undefined);
  }

  async progressOf(importId: string): Promise<{ done: number; total: number } | null> {
    requireId('Import', importId, 'importId');
    const [row]: { done: number; total: number }[] = await this.ds.query('SELECT done, total FROM import_write_progress WHERE import_id = $1', [importId]);
    return row ?? null;
  }

  /** IMPORT_FINISHED, in the transaction of the rows: whoever sees it can read all of them. */
  async finished(em: EntityManager, caller: Caller, importId: string, operation: ImportOperation, rows: number, areaId: string | null): Promise<void> {
    await this.outbox.append(em, caller, { type: EventType.IMPORT_FINISHED, subjectId: importId, areaId, payload: { operation, rows } });
  }
}

/** The one area all the rows lie in, or null when they span several (the event is then for the whole province). */
export function commonArea(areaIds: Iterable<string>): string | null {
  const distinct = new Set(areaIds);
  return distinct.size === 1 ? [...distinct][0] : null;
}

/** What the bulk mutations' `importId` argument says (the same in every subgraph that takes it). */
export const IMPORT_ID_DESCRIPTION =
  'The import (imp_…) this write belongs to: it is written once for that import (sent again, it answers the rows of the first write), its progress is readable while it runs, and an IMPORT_FINISHED event commits with its rows.';

@ObjectType({ description: 'How far a running bulk write of an import has got (rows written inside its transaction, visible at its commit).' })
@Shareable()
export class ImportWriteProgress {
  @Field(() => Int)
  done: number;

  @Field(() => Int)
  total: number;
}

/** The root field a service answers its imports' progress on (one per service: each holds its own writes). */
export const importProgressFieldName = (service: string) => `${service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}ImportProgress`;

/** Builds the resolver class of one service's import progress. */
export function importProgressResolverFor(service: string) {
  @Resolver()
  class ImportProgressResolver {
    constructor(readonly imports?: ImportWrites) {}

    @Query(() => ImportWriteProgress, {
      name: importProgressFieldName(service),
      nullable: true,
      description: `ADMIN or OFFICER: the progress of an import’s bulk write in ${service}; null before its first chunk.`,
    })
    progress(@Ctx() ctx: RequestContext, @Arg('importId', () => ID) importId: string): Promise<ImportWriteProgress | null> {
      if (ctx.caller.role !== Role.ADMIN && ctx.caller.role !== Role.OFFICER)
        throw forbidden('The progress of an import is for those who import (ADMIN, OFFICER)');
      return this.imports!.progressOf(importId);
    }
  }
  return ImportProgressResolver;
}
