import { DeliverPolicy, JSONCodec, StorageType, connect, nanos, type ConsumerMessages, type JetStreamClient, type NatsConnection } from 'nats';
import type { Logger } from '@khg/platform';
import type { EventRow } from './store';

export const STREAM = 'KHG_EVENTS';
const SUBJECT_PREFIX = 'khg.events';

/** What travels on the bus: a log row and the cursor of the row before it in the log. */
export interface BusEvent {
  row: EventRow;
  /** the log's previous cursor: a reader that is not there has missed something and reads the log */
  prev: string;
}

interface Wire extends Omit<EventRow, 'occurred_at'> {
  occurred_at: string;
  prev: string;
}

export interface EventBusOptions {
  /** copies of the stream across the JetStream cluster (3 in production, 1 on a single server) */
  replicas: number;
  retentionDays: number;
}

const codec = JSONCodec<Wire>();

/**
 * The distributed mode's event bus (EVENT_BUS=nats://…): a JetStream stream the relay publishes every
 * log row to, once (the event's id is its de-duplication key), and every gateway replica reads live
 * rows from, for its subscribers, webhooks and response-cache invalidation. The log in PostgreSQL
 * stays the record: replay by cursor reads it, and a reader that finds a gap in the chain of `prev`
 * cursors (a publish lost when a leader died between commit and publish) reads the gap from it.
 */
export class EventBus {
  private messages: ConsumerMessages | null = null;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly log: Logger,
  ) {}

  static async connect(servers: string, log: Logger, o: EventBusOptions): Promise<EventBus> {
    const nc = await connect({
      servers: servers.split(',').map((s) => s.trim()),
      name: 'khg-gateway',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    const jsm = await nc.jetstreamManager();
    const config = {
      name: STREAM,
      subjects: [`${SUBJECT_PREFIX}.>`],
      storage: StorageType.File,
      num_replicas: o.replicas,
      max_age: nanos(o.retentionDays * 86_400_000),
      duplicate_window: nanos(120_000),
    };
    try {
      await jsm.streams.info(STREAM);
      await jsm.streams.update(STREAM, config);
    } catch (e) {
      if (!/stream not found/i.test((e as Error).message)) throw e;
      await jsm.streams.add(config).catch(async (err: Error) => {
        // another replica created it meanwhile
        if (!/already in use|exists/i.test(err.message)) throw err;
      });
    }
    log.info({ servers, replicas: o.replicas }, 'event bus: JetStream stream ready');
    return new EventBus(nc, nc.jetstream(), log);
  }

  /** Publishes rows in log order; a row already published (same source and sequence) is not stored twice. */
  async publish(rows: EventRow[], prev: string): Promise<void> {
    let before = prev;
    for (const row of rows) {
      const wire: Wire = { ...row, occurred_at: new Date(row.occurred_at).toISOString(), prev: before };
      await this.js.publish(`${SUBJECT_PREFIX}.${row.type}`, codec.encode(wire), { msgID: `${row.source}:${row.source_seq}` });
      before = row.cursor;
    }
  }

  /** Hands every row published from now on to `onEvent`, in stream order. */
  async follow(onEvent: (e: BusEvent) => void): Promise<void> {
    const consumer = await this.js.consumers.get(STREAM, { deliver_policy: DeliverPolicy.New });
    this.messages = await consumer.consume();
    void (async () => {
      for await (const m of this.messages!) {
        try {
          const { prev, occurred_at, ...row } = m.json<Wire>();
          onEvent({ row: { ...row, occurred_at: new Date(occurred_at) }, prev });
        } catch (e) {
          this.log.warn({ err: (e as Error).message }, 'event bus: unreadable message skipped (the log has it)');
        }
      }
    })();
  }

  async close(): Promise<void> {
    await this.messages?.close();
    await this.nc.drain().catch(() => undefined);
  }
}
