import { EventType } from '@khg/domain';
import type { Logger, MembershipDirectory } from '@khg/platform';
import type { PoolClient } from 'pg';
import type { EventBus } from './bus';
import type { EventRow, EventStore } from './store';

export const EVENTS_CHANNEL = 'khg_events';

/** One outbox row as the relay read it (from the replication stream or a table scan). */
export interface OutboxChange {
  source: string;
  seq: string;
  type: string;
  subjectId: string;
  areaId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

/** How many rows a batch added to the log, the rows themselves (in cursor order) when a bus is to publish them, and the cursor before them. */
export interface Appended {
  count: number;
  rows: EventRow[];
  prev: string;
}

/** Events per INSERT when a transaction brings many (an import's): bounded parameters and answers. */
const APPEND_SLICE = 5_000;

/** A leader that another relay has replaced: it must write nothing more. */
export class RelayFenced extends Error {
  constructor(mine: bigint, current: bigint) {
    super(`relay leadership ${mine} was replaced by ${current}; this relay stops writing`);
  }
}

/**
 * Writes relayed outbox rows into the global log, one transaction per batch, under a fencing token:
 * the batch first locks the leadership row and checks that its epoch is still the one this leader
 * claimed. A new leader claims by bumping the epoch, which waits for a batch in progress and makes
 * every later batch of the old leader fail, so two leaders never interleave their writes and cursors
 * (assigned by the insert) stay in the order the batches were read in.
 *
 * Each row gets its area's ancestry (officers' subtrees and `areaId` filters read it). Ancestries
 * are cached, and the cache is dropped at every AREA_REORGANIZED met in the order rows are written:
 * rows after the reorganisation are stamped with the new tree.
 */
export class LogWriter {
  private readonly areaCache = new Map<string, string[]>();

  constructor(
    private readonly store: EventStore,
    private readonly directory: MembershipDirectory,
    private readonly log: Logger,
    /** the distributed mode's bus: rows are published to it once committed */
    private readonly bus: EventBus | null = null,
  ) {}

  /** Becomes the only writer: every earlier leader is fenced off from here on. */
  async claim(holder: string): Promise<bigint> {
    const r = await this.store.pool.query<{ epoch: string }>(
      'UPDATE events.relay_leader SET epoch = epoch + 1, holder = $1, claimed_at = now() WHERE id = 1 RETURNING epoch::text',
      [holder],
    );
    return BigInt(r.rows[0].epoch);
  }

  /** The commit position of the last transaction written (logical relay), '0/0' at first. */
  async writtenLsn(): Promise<string> {
    const r = await this.store.pool.query<{ lsn: string }>('SELECT lsn::text FROM events.relay_leader WHERE id = 1');
    return r.rows[0].lsn;
  }

  private async ancestries(changes: OutboxChange[]): Promise<(string[] | null)[]> {
    const out: (string[] | null)[] = [];
    let start = 0;
    // Segments end at each reorganisation: ancestries of later rows are looked up after the cache is dropped.
    for (let i = 0; i <= changes.length; i++) {
      if (i < changes.length && changes[i].type !== EventType.AREA_REORGANIZED) continue;
      const segment = changes.slice(start, Math.min(i + 1, changes.length));
      const missing = [...new Set(segment.flatMap((c) => (c.areaId && !this.areaCache.has(c.areaId) ? [c.areaId] : [])))];
      if (missing.length) {
        const infos = await this.directory.areas(missing);
        infos.forEach((info, k) => this.areaCache.set(missing[k], info ? info.ancestry : [missing[k]]));
      }
      for (const c of segment) out.push(c.areaId ? (this.areaCache.get(c.areaId) ?? [c.areaId]) : null);
      if (i < changes.length) this.areaCache.clear();
      start = i + 1;
    }
    return out;
  }

  /**
   * Inside the caller's transaction on `c`: locks the leadership row, refuses (RelayFenced) if `epoch`
   * no longer leads, then appends `changes` in order, skipping rows the log already has (same source
   * and sequence), and wakes every replica's hub when the transaction commits (`announce` after the
   * commit publishes them on the bus, if there is one).
   */
  async append(c: PoolClient, epoch: bigint, changes: OutboxChange[]): Promise<Appended> {
    const anc = await this.ancestries(changes);
    const cur = await c.query<{ epoch: string }>('SELECT epoch::text FROM events.relay_leader WHERE id = 1 FOR UPDATE');
    const current = BigInt(cur.rows[0].epoch);
    if (current !== epoch) throw new RelayFenced(epoch, current);
    if (!changes.length) return { count: 0, rows: [], prev: '0' };
    // under the leadership lock no other batch writes, so this is the row just before ours
    const before = await c.query<{ c: string }>('SELECT coalesce(max(cursor), 0)::text AS c FROM events.log');
    // A slice at a time: an import's 100,000 events as one JSON parameter (and one answer) were
    // several copies of the whole transaction in the gateway's heap at once.
    const inserted: EventRow[] = [];
    let count = 0;
    for (let from = 0; from < changes.length; from += APPEND_SLICE) {
      const r = await c.query<EventRow>(
        `INSERT INTO events.log (source, source_seq, type, subject_id, area_id, area_ancestry, payload, occurred_at)
         SELECT src, s, t, sub, a, coalesce(anc, '{}'), p, o
         FROM jsonb_to_recordset($1::jsonb) AS x(n int, src text, s bigint, t text, sub text, a text, anc text[], p jsonb, o timestamptz)
         ORDER BY n
         ON CONFLICT (source, source_seq) DO NOTHING
         RETURNING ${this.bus ? 'cursor::text, source, source_seq::text, type, subject_id, area_id, area_ancestry, payload, occurred_at' : 'cursor::text'}`,
        [
          JSON.stringify(
            changes.slice(from, from + APPEND_SLICE).map((ch, k) => ({
              n: k,
              src: ch.source,
              s: ch.seq,
              t: ch.type,
              sub: ch.subjectId,
              a: ch.areaId,
              anc: anc[from + k],
              p: ch.payload,
              o: ch.occurredAt,
            })),
          ),
        ],
      );
      // without a bus only the count is needed: readers take the rows from the log
      if (this.bus) inserted.push(...r.rows);
      count += r.rows.length;
    }
    const rows = inserted.sort((a, b) => (BigInt(a.cursor) < BigInt(b.cursor) ? -1 : 1));
    // sent by the relay's own transaction, never by a subgraph's write; replicas without the bus hear it
    if (count) await c.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(count)]);
    return { count, rows, prev: before.rows[0].c };
  }

  /** After the batch's commit: the distributed mode publishes its rows. A failure is repaired by readers (bus.ts). */
  async announce(a: Appended): Promise<void> {
    if (!this.bus || !a.rows.length) return;
    try {
      await this.bus.publish(a.rows, a.prev);
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'event bus: publish failed; readers catch up from the log');
    }
  }

  /** `append` in a transaction of its own; `lsn`, when given, records the commit position the changes end at. */
  async write(epoch: bigint, changes: OutboxChange[], lsn?: string): Promise<number> {
    const c = await this.store.pool.connect();
    try {
      await c.query('BEGIN');
      const appended = await this.append(c, epoch, changes);
      if (lsn) await c.query('UPDATE events.relay_leader SET lsn = greatest(lsn, $1::pg_lsn) WHERE id = 1', [lsn]);
      await c.query('COMMIT');
      await this.announce(appended);
      return appended.count;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}
