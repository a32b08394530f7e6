import type { PoolClient } from 'pg';
import { PgListener } from '../pg-listener';
import { EventType } from '@khg/domain';
import { SerialTask, type Logger, type MembershipDirectory } from '@khg/platform';
import type { EventStore } from './store';

export const OUTBOX_CHANNEL = 'khg_outbox';
export const EVENTS_CHANNEL = 'khg_events';

const BATCH = 5000;

interface OutboxRow {
  seq: string;
  type: string;
  subject_id: string;
  area_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
  txid: string;
}

/**
 * The outbox relay: the only reader of the subgraphs' outbox tables (read-only). It copies new
 * outbox rows into the global log, giving each a cursor that orders all events totally.
 *
 * A row is copied only once every transaction that might still commit with a lower sequence has
 * ended: the window is [offset, snapshot xmin) over the writing transaction ids, so nothing is
 * skipped when transactions commit out of order. One gateway replica relays at a time (advisory
 * lock); a NOTIFY from the subgraphs wakes it and a poll covers lost notifications.
 */
export class OutboxRelay {
  private listener: PgListener | null = null;
  private lockHolder: PoolClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly passes = new SerialTask(
    () => this.pass(),
    (e) => this.log.warn({ err: e.message }, 'relay pass failed; will retry'),
  );
  private readonly areaCache = new Map<string, string[]>();

  constructor(
    private readonly store: EventStore,
    private readonly databaseUrl: string,
    private readonly directory: MembershipDirectory,
    private readonly log: Logger,
    private readonly pollMs: number,
    /** the subgraphs' Postgres schemas whose outboxes feed the log (the manifest's) */
    private readonly sources: readonly string[],
  ) {}

  async start(): Promise<void> {
    this.listener = new PgListener(this.databaseUrl, 'khg-relay-listener', OUTBOX_CHANNEL, () => this.kick(), this.log);
    await this.listener.start();
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  /** Runs one relay pass now, or right after the current one. */
  kick(): void {
    this.passes.kick();
  }

  private async holdLock(): Promise<boolean> {
    if (this.lockHolder) return true;
    const c = await this.store.pool.connect();
    const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', ['khg-relay']);
    if (rows[0].ok) {
      this.lockHolder = c;
      c.on('error', () => {
        // may fire more than once for one broken connection: release it once
        if (this.lockHolder !== c) return;
        this.lockHolder = null;
        try {
          c.release(true);
        } catch {
          /* already released */
        }
      });
      return true;
    }
    c.release();
    return false;
  }

  private async ancestry(areaIds: string[]): Promise<Map<string, string[]>> {
    const missing = [...new Set(areaIds.filter((id) => !this.areaCache.has(id)))];
    if (missing.length) {
      const infos = await this.directory.areas(missing);
      infos.forEach((info, i) => this.areaCache.set(missing[i], info ? info.ancestry : [missing[i]]));
    }
    return this.areaCache;
  }

  private async pass(): Promise<void> {
    if (!(await this.holdLock())) return;
    let copied = 0;
    for (const source of this.sources) copied += await this.relaySource(source);
    if (copied) await this.store.pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(copied)]);
  }

  private async relaySource(source: string): Promise<number> {
    const c = await this.store.pool.connect();
    try {
      const exists = await c.query(`SELECT to_regclass($1) AS t`, [`${source}.outbox_events`]);
      if (!exists.rows[0].t) return 0;
      await c.query('BEGIN');
      const off = await c.query<{ next_txid: string }>('SELECT next_txid::text FROM events.relay_offsets WHERE source = $1 FOR UPDATE', [source]);
      const from = off.rows[0]?.next_txid ?? '0';
      const horizon = await c.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin');
      const until = horizon.rows[0].xmin;
      const rows = (
        await c.query<OutboxRow>(
          `SELECT o.seq::text AS seq, o.type, o.subject_id, o.area_id, o.payload, o.occurred_at, o.txid::text AS txid FROM "${source}".outbox_events o
         WHERE o.txid >= $1::xid8 AND o.txid < $2::xid8 ORDER BY o.txid, o.seq LIMIT ${BATCH}`,
          [from, until],
        )
      ).rows;
      let next = until;
      if (rows.length === BATCH) {
        // Finish the last transaction of a full batch, then resume after it.
        const last = rows[rows.length - 1];
        rows.push(
          ...(
            await c.query<OutboxRow>(
              `SELECT o.seq::text AS seq, o.type, o.subject_id, o.area_id, o.payload, o.occurred_at, o.txid::text AS txid FROM "${source}".outbox_events o
           WHERE o.txid = $1::xid8 AND o.seq > $2 ORDER BY o.seq`,
              [last.txid, last.seq],
            )
          ).rows,
        );
        next = (BigInt(last.txid) + 1n).toString();
      }
      if (rows.length) {
        // A reorganisation moves areas under new parents: ancestries cached before it are stale,
        // and subscribers' area filters and officers' scopes would read the old tree.
        if (rows.some((r) => r.type === EventType.AREA_REORGANIZED)) this.areaCache.clear();
        const areas = await this.ancestry(rows.flatMap((r) => (r.area_id ? [r.area_id] : [])));
        await c.query(
          `INSERT INTO events.log (source, source_seq, type, subject_id, area_id, area_ancestry, payload, occurred_at)
           SELECT $1, s, t, sub, a, coalesce(anc, '{}'), p, o
           FROM jsonb_to_recordset($2::jsonb) AS x(s bigint, t text, sub text, a text, anc text[], p jsonb, o timestamptz)
           ON CONFLICT (source, source_seq) DO NOTHING`,
          [
            source,
            JSON.stringify(
              rows.map((r) => ({
                s: r.seq,
                t: r.type,
                sub: r.subject_id,
                a: r.area_id,
                anc: r.area_id ? areas.get(r.area_id) : null,
                p: r.payload,
                o: r.occurred_at,
              })),
            ),
          ],
        );
      }
      await c.query(
        `INSERT INTO events.relay_offsets (source, next_txid) VALUES ($1, $2::xid8)
         ON CONFLICT (source) DO UPDATE SET next_txid = excluded.next_txid`,
        [source, next],
      );
      await c.query('COMMIT');
      return rows.length;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.passes.stop();
    await this.listener?.stop();
    if (this.lockHolder) {
      await this.lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', ['khg-relay']).catch(() => undefined);
      this.lockHolder.release();
    }
  }
}
