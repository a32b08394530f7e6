import { PgListener } from '../pg-listener';
import { SerialTask, type Logger } from '@khg/platform';
import type { BusEvent, EventBus } from './bus';
import { EVENTS_CHANNEL } from './log-writer';
import type { EventRow, EventStore } from './store';

export interface EventFilter {
  types: Set<string> | null;
  /** only events whose area lies in one of these areas' subtrees (all must hold) */
  withinAreas: string[];
}

export function matches(f: EventFilter, e: EventRow): boolean {
  if (f.types && !f.types.has(e.type)) return false;
  return f.withinAreas.every((a) => e.area_ancestry.includes(a));
}

type Listener = (rows: EventRow[]) => void;

/**
 * One reader of the log per gateway process: a NOTIFY from the relay (or a poll) makes it read the
 * new rows once and hand them, in cursor order, to every live subscriber. With an event bus (the
 * distributed mode) live rows come from the bus instead; a row whose predecessor this hub has not
 * handed out makes it read the log up to it, so a publish that was lost costs a read, not an event.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private last = 0n;
  private client: PgListener | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly reads = new SerialTask(
    () => this.readNew(),
    (e) => this.log.warn({ err: e.message }, 'reading the event log failed'),
  );

  constructor(
    private readonly store: EventStore,
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly pollMs: number,
  ) {}

  /** `bus`: the distributed mode's source of live rows (none: NOTIFY from the relay). */
  async start(bus: EventBus | null = null): Promise<void> {
    this.last = await this.store.latestCursor();
    if (bus) await bus.follow((e) => this.fromBus(e));
    else {
      this.client = new PgListener(this.databaseUrl, 'khg-events-hub', EVENTS_CHANNEL, () => this.read(), this.log);
      await this.client.start();
    }
    this.timer = setInterval(() => this.read(), this.pollMs);
  }

  private fromBus({ row, prev }: BusEvent): void {
    const cursor = BigInt(row.cursor);
    if (cursor <= this.last) return; // already handed out (read from the log, or published twice)
    if (BigInt(prev) === this.last && !this.reads.running) {
      this.last = cursor;
      for (const l of this.listeners) l([row]);
    } else this.read();
  }

  /** The highest cursor handed out so far. */
  get position(): bigint {
    return this.last;
  }

  listen(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Reads the new rows now, or right after the current read. */
  read(): void {
    this.reads.kick();
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await this.store.after(this.last, 1000);
      if (!rows.length) break;
      this.last = BigInt(rows[rows.length - 1].cursor);
      for (const l of this.listeners) l(rows);
      if (rows.length < 1000) break;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
    // a read in flight ends before the store's pool closes
    await this.reads.stop();
    await this.client?.stop();
  }
}
