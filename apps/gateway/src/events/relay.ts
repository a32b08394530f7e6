import type { PoolClient } from 'pg';
import { SerialTask, type Logger } from '@khg/platform';
import { changeOf } from './logical-relay';
import type { LogWriter } from './log-writer';
import type { EventStore } from './store';

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
 * The snapshot relay, for a database that offers no logical replication (EVENT_RELAY=snapshot, or
 * auto without wal_level=logical or the REPLICATION right): it polls the subgraphs' outbox tables
 * (read-only) every EVENT_POLL_MS and copies new rows into the global log.
 *
 * A row is copied only once every transaction that might still commit with a lower sequence has
 * ended: the window is [offset, snapshot xmin) over the writing transaction ids, so nothing is
 * skipped when transactions commit out of order — and so a transaction held open anywhere delays
 * every event until it ends (the logical relay has no such wait). One gateway replica relays at a
 * time (advisory lock), and its writes are fenced like the logical relay's (log-writer.ts).
 */
export class OutboxRelay {
  private lockHolder: PoolClient | null = null;
  private epoch: bigint | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly passes = new SerialTask(
    () => this.pass(),
    (e) => {
      this.log.warn({ err: e.message }, 'relay pass failed; will retry');
      this.dropLock();
    },
  );

  constructor(
    private readonly store: EventStore,
    private readonly writer: LogWriter,
    private readonly log: Logger,
    private readonly pollMs: number,
    /** the subgraphs' Postgres schemas whose outboxes feed the log (the manifest's) */
    private readonly sources: readonly string[],
    private readonly holder: string,
  ) {}

  async start(): Promise<void> {
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
      c.on('error', () => this.dropLock(c));
      this.epoch = await this.writer.claim(this.holder);
      return true;
    }
    c.release();
    return false;
  }

  /** Lock lost (broken connection) or fenced: leads again only after taking the lock anew. May run more than once for one connection. */
  private dropLock(c: PoolClient | null = this.lockHolder): void {
    if (!c || this.lockHolder !== c) return;
    this.lockHolder = null;
    this.epoch = null;
    try {
      c.release(true);
    } catch {
      /* already released */
    }
  }

  private async pass(): Promise<void> {
    if (!(await this.holdLock()) || this.epoch === null) return;
    // the epoch this pass began under: a lock lost mid-pass makes its next write fail, not slip in beside the next leader
    const epoch = this.epoch;
    for (const source of this.sources) await this.relaySource(source, epoch);
  }

  private async relaySource(source: string, epoch: bigint): Promise<number> {
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
      const appended = await this.writer.append(
        c,
        epoch,
        rows.map((r) => changeOf(source, r as unknown as Record<string, unknown>)),
      );
      await c.query(
        `INSERT INTO events.relay_offsets (source, next_txid) VALUES ($1, $2::xid8)
         ON CONFLICT (source) DO UPDATE SET next_txid = excluded.next_txid`,
        [source, next],
      );
      await c.query('COMMIT');
      await this.writer.announce(appended);
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
    if (this.lockHolder) {
      await this.lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', ['khg-relay']).catch(() => undefined);
      this.lockHolder.release();
    }
  }
}
