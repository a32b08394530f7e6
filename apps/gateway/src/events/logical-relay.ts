import { LogicalReplicationService, PgoutputPlugin } from 'pg-logical-replication';
import type { Pgoutput } from 'pg-logical-replication';
import { SerialTask, type Logger } from '@khg/platform';
import { RelayFenced, type LogWriter, type OutboxChange } from './log-writer';
import type { EventStore } from './store';

/**
 * The slot of one database. Slot names are unique across the whole PostgreSQL server, so a server
 * holding several platforms' databases (staging beside production, or a test's second database)
 * needs one slot each: with one shared name the second platform's relay could never lead.
 */
export function slotName(database: string): string {
  return `khg_events_${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}
export const PUBLICATION = 'khg_outbox';
const CATCH_UP_BATCH = 5000;

export interface LogicalRelayOptions {
  /** how often a follower tries to take the slot, and a leader looks for new outbox tables */
  pollMs: number;
  /** how long PostgreSQL waits for a silent (frozen, cut off) leader before freeing the slot */
  leaderTimeoutMs: number;
  /** the subgraphs' Postgres schemas whose outboxes feed the log (the manifest's) */
  sources: readonly string[];
  /** names this replica in events.relay_leader */
  holder: string;
}

interface Committed {
  lsn: bigint;
  changes: OutboxChange[];
}

/** `X/Y` (hex halves) to a number that orders positions. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export function lsnText(v: bigint): string {
  return `${(v >> 32n).toString(16).toUpperCase()}/${(v & 0xffffffffn).toString(16).toUpperCase()}`;
}

const text = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** An inserted outbox row as pgoutput decoded it. */
export function changeOf(source: string, row: Record<string, unknown>): OutboxChange {
  return {
    source,
    seq: text(row.seq),
    type: text(row.type),
    subjectId: text(row.subject_id),
    areaId: row.area_id == null ? null : text(row.area_id),
    payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : (row.payload ?? {})) as Record<string, unknown>,
    occurredAt: text(row.occurred_at),
  };
}

/**
 * The relay on PostgreSQL's logical replication: the outbox tables are published and read through
 * one replication slot with `pgoutput`, so transactions arrive whole and in commit order the moment
 * they commit. A transaction held open elsewhere delays nobody (the snapshot relay had to wait for
 * it), and no write needs a NOTIFY.
 *
 * Leadership is the slot itself: PostgreSQL lets one connection stream a slot at a time, and frees it
 * when that connection has been silent for `leaderTimeoutMs` (a frozen or cut-off leader). The
 * replica that gets the stream claims a new epoch, which fences every write of the previous leader
 * (log-writer.ts). The slot's position advances only after the log write commits, so a leader that
 * dies loses nothing: the next one receives the unconfirmed transactions again, and the log skips
 * those it already has.
 */
export class LogicalRelay {
  private service: LogicalReplicationService | null = null;
  /** set by prepare(), before any attempt to lead */
  private slot = '';
  private epoch: bigint | null = null;
  private written = 0n;
  private pending: Committed[] = [];
  private open: OutboxChange[] = [];
  private attempting = false;
  private stopped = false;
  private scanTables = true;
  private timer: NodeJS.Timeout | null = null;
  private ackTimer: NodeJS.Timeout | null = null;
  private readonly flushes = new SerialTask(
    () => this.flush(),
    (e) => void this.lose(e),
  );

  constructor(
    private readonly store: EventStore,
    private readonly writer: LogWriter,
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly o: LogicalRelayOptions,
  ) {}

  async start(): Promise<void> {
    await this.prepare();
    // a follower retries at least as often as a silent leader loses the slot
    this.timer = setInterval(() => this.tick(), Math.min(this.o.pollMs, this.o.leaderTimeoutMs));
    this.tick();
  }

  /** True while this replica streams the slot. */
  get leading(): boolean {
    return this.epoch !== null;
  }

  /** Relays the outboxes already there: their rows from before they were published are copied once. */
  private async prepare(): Promise<void> {
    await ignoreDuplicate(this.store.pool.query(`CREATE PUBLICATION ${PUBLICATION}`));
    const { rows } = await this.store.pool.query<{ db: string }>('SELECT current_database() AS db');
    this.slot = slotName(rows[0].db);
    const slot = await this.store.pool.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [this.slot]);
    if (!slot.rowCount) await ignoreDuplicate(this.store.pool.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [this.slot]));
  }

  private tick(): void {
    if (this.leading) {
      this.scanTables = true;
      this.flushes.kick();
    } else void this.tryLead();
  }

  private async tryLead(): Promise<void> {
    if (this.attempting || this.stopped || this.service) return;
    this.attempting = true;
    const service = new LogicalReplicationService(
      {
        connectionString: this.databaseUrl,
        application_name: `khg-relay ${this.o.holder}`,
        // a leader that stops answering (frozen, partitioned) gives the slot up after this long
        options: `-c wal_sender_timeout=${this.o.leaderTimeoutMs}`,
      },
      // acknowledged by hand, only once written: the library's timer would confirm what is not in the log yet
      { acknowledge: { auto: false, timeoutSeconds: 0 } },
    );
    this.service = service;
    service.on('data', (lsn: string, msg: Pgoutput.Message) => this.onMessage(lsn, msg));
    service.on('heartbeat', (_lsn: string, _t: number, respond: boolean) => {
      if (respond && this.epoch !== null) void service.acknowledge(lsnText(this.written));
    });
    service.on('error', (e: Error) => void this.lose(e, service));
    service.on('start', () => void this.lead(service));
    service
      .subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: [PUBLICATION] }), this.slot)
      .catch((e: Error) => {
        if (this.epoch === null && /is active for PID/.test(e.message)) this.log.debug('relay: another replica leads');
        else if (!this.stopped) this.log.warn({ err: e.message }, 'relay: replication stream failed');
        void this.lose(e, service, true);
      })
      .finally(() => {
        this.attempting = false;
      });
  }

  private async lead(service: LogicalReplicationService): Promise<void> {
    try {
      const epoch = await this.writer.claim(this.o.holder);
      if (this.service !== service) return;
      this.written = lsnValue(await this.writer.writtenLsn());
      this.epoch = epoch;
      this.scanTables = true;
      this.log.info({ epoch: String(epoch) }, 'relay: leading (logical replication)');
      // the stream's liveness signal: a frozen process stops sending it and loses the slot
      this.ackTimer = setInterval(() => void service.acknowledge(lsnText(this.written)), Math.max(100, Math.floor(this.o.leaderTimeoutMs / 4)));
      this.flushes.kick();
    } catch (e) {
      await this.lose(e as Error, service);
    }
  }

  private onMessage(lsn: string, msg: Pgoutput.Message): void {
    if (msg.tag === 'begin') this.open = [];
    else if (msg.tag === 'insert' && msg.relation.name === 'outbox_events' && this.o.sources.includes(msg.relation.schema)) {
      this.open.push(changeOf(msg.relation.schema, msg.new));
    } else if (msg.tag === 'commit') {
      this.pending.push({ lsn: lsnValue(msg.commitEndLsn ?? lsn), changes: this.open });
      this.open = [];
      this.flushes.kick();
    }
  }

  /** Writes every transaction received so far in one log transaction, then confirms the slot up to it. */
  private async flush(): Promise<void> {
    const epoch = this.epoch;
    const service = this.service;
    if (epoch === null || !service) return;
    if (this.scanTables) await this.publishNewOutboxes(epoch);
    const batch = this.pending.splice(0, this.pending.length);
    if (!batch.length) return;
    const fresh = batch.filter((b) => b.lsn > this.written);
    const changes = fresh.flatMap((b) => b.changes);
    const last = batch[batch.length - 1].lsn;
    if (changes.length) await this.writer.write(epoch, changes, lsnText(last));
    if (this.epoch !== epoch) return;
    if (last > this.written) this.written = last;
    await service.acknowledge(lsnText(this.written));
  }

  /**
   * Adds outbox tables that are not published yet (a subgraph that appeared since) and copies, once
   * per outbox, the rows written before it was published; rows the stream also brings are skipped.
   */
  private async publishNewOutboxes(epoch: bigint): Promise<void> {
    this.scanTables = false;
    const pool = this.store.pool;
    const existing = (
      await pool.query<{ s: string }>(
        `SELECT n.nspname AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'outbox_events' AND n.nspname = ANY($1)`,
        [this.o.sources],
      )
    ).rows.map((r) => r.s);
    const published = new Set(
      (await pool.query<{ s: string }>('SELECT schemaname AS s FROM pg_publication_tables WHERE pubname = $1', [PUBLICATION])).rows.map((r) => r.s),
    );
    for (const s of existing.filter((x) => !published.has(x))) {
      await ignoreDuplicate(pool.query(`ALTER PUBLICATION ${PUBLICATION} ADD TABLE "${s}".outbox_events`));
      this.log.info({ source: s }, 'relay: outbox published');
    }
    const copied = new Set((await pool.query<{ p: string[] }>('SELECT published AS p FROM events.relay_leader WHERE id = 1')).rows[0].p);
    for (const s of existing.filter((x) => !copied.has(x))) {
      let after = '0';
      for (;;) {
        const rows = (
          await pool.query<Record<string, unknown>>(
            `SELECT seq::text AS seq, type, subject_id, area_id, payload, occurred_at FROM "${s}".outbox_events o WHERE o.seq > $1 ORDER BY o.seq LIMIT ${CATCH_UP_BATCH}`, // o.seq: a bare `seq` is the text alias, sorted as text
            [after],
          )
        ).rows;
        if (!rows.length) break;
        await this.writer.write(
          epoch,
          rows.map((r) => changeOf(s, r)),
        );
        after = String(rows[rows.length - 1].seq);
      }
      await pool.query('UPDATE events.relay_leader SET published = array_append(published, $1) WHERE id = 1 AND NOT ($1 = ANY(published))', [s]);
    }
  }

  /** Gives leadership up (the stream failed, or another leader fenced this one); the timer tries again. */
  private async lose(e: Error, service: LogicalReplicationService | null = this.service, quiet = false): Promise<void> {
    if (!service || this.service !== service) return;
    if (!quiet && !this.stopped) this.log.warn({ err: e.message, fenced: e instanceof RelayFenced }, 'relay: leadership lost');
    this.service = null;
    this.epoch = null;
    this.pending = [];
    this.open = [];
    if (this.ackTimer) clearInterval(this.ackTimer);
    this.ackTimer = null;
    service.removeAllListeners();
    // the library may still report the broken connection while it stops: an unheard 'error' would end the process
    service.on('error', () => undefined);
    await service.stop().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.flushes.stop();
    await this.lose(new Error('stopping'), this.service, true);
  }
}

async function ignoreDuplicate(q: Promise<unknown>): Promise<void> {
  try {
    await q;
  } catch (e) {
    // another replica created it first
    if ((e as { code?: string }).code !== '42710') throw e;
  }
}
