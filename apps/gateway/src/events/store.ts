import { Pool } from 'pg';
import type { Logger } from '@khg/platform';
import { migrateOwnSchema, type SchemaMigration } from '../own-schema';

/** The gateway's own schema: the global event log, relay offsets, webhooks and their deliveries. */
const MIGRATIONS: SchemaMigration[] = [
  {
    id: 1,
    sql: `
CREATE TABLE events.log (
  cursor bigserial PRIMARY KEY,
  source text NOT NULL,
  source_seq bigint NOT NULL,
  type text NOT NULL,
  subject_id text NOT NULL,
  area_id text,
  area_ancestry text[] NOT NULL DEFAULT '{}',
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL,
  relayed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, source_seq)
);
CREATE INDEX log_occurred_at ON events.log (occurred_at);
CREATE TABLE events.relay_offsets (source text PRIMARY KEY, next_txid xid8 NOT NULL);
CREATE TABLE events.retention (id int PRIMARY KEY CHECK (id = 1), floor bigint NOT NULL DEFAULT 0);
INSERT INTO events.retention VALUES (1, 0);
CREATE TABLE events.webhooks (
  id text PRIMARY KEY,
  url text NOT NULL,
  types text[] NOT NULL DEFAULT '{}',
  area_id text,
  secret text NOT NULL,
  owner_sub text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  removed_at timestamptz,
  -- the cursor delivered (acknowledged) last: deliveries go strictly in cursor order
  delivered_through bigint NOT NULL,
  consecutive_failures int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE events.webhook_deliveries (
  webhook_id text NOT NULL REFERENCES events.webhooks(id),
  cursor bigint NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  last_status int,
  last_error text,
  delivered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (webhook_id, cursor)
);`,
  },
  {
    id: 2,
    sql: `
-- Relay leadership: the epoch is the fencing token every log write checks (log-writer.ts); lsn is the
-- commit position of the last transaction the logical relay wrote; published lists the outboxes
-- whose rows from before they joined the publication were copied.
CREATE TABLE events.relay_leader (
  id int PRIMARY KEY CHECK (id = 1),
  epoch bigint NOT NULL DEFAULT 0,
  holder text,
  claimed_at timestamptz,
  lsn pg_lsn NOT NULL DEFAULT '0/0',
  published text[] NOT NULL DEFAULT '{}'
);
INSERT INTO events.relay_leader (id) VALUES (1);`,
  },
  {
    id: 3,
    sql: `
-- how many events a receiver takes in one POST, as it said (X-KHG-Accept-Batch); 1 until it says so
ALTER TABLE events.webhooks ADD COLUMN batch_max int NOT NULL DEFAULT 1;`,
  },
  {
    id: 4,
    sql: `
-- Events retention removed before the webhook received them: the lost range (lost_after, lost_through]
-- and how many of its events matched the webhook. Reported with its next delivery, then cleared.
ALTER TABLE events.webhooks ADD COLUMN lost_after bigint, ADD COLUMN lost_through bigint, ADD COLUMN lost_count int NOT NULL DEFAULT 0;`,
  },
];

export interface EventRow {
  cursor: string;
  source: string;
  /** the row's sequence in its source's outbox: with `source`, the event's id */
  source_seq: string;
  type: string;
  subject_id: string;
  area_id: string | null;
  area_ancestry: string[];
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export class EventStore {
  readonly pool: Pool;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.pool = new Pool({ connectionString: url, max: 5, application_name: 'khg-gateway-events' });
    this.pool.on('error', (e) => log.warn({ err: e.message }, 'idle events connection failed'));
    // A connection can die while checked out between queries (the relay waits on HTTP, webhooks on
    // receivers): without a listener that 'error' would end the process. The failed query reports it.
    this.pool.on('connect', (client) => client.on('error', (e) => log.warn({ err: e.message }, 'events connection lost')));
  }

  async migrate(): Promise<void> {
    await migrateOwnSchema(this.pool, 'events', MIGRATIONS, this.log);
  }

  /** Log rows after `cursor`, oldest first. */
  async after(cursor: bigint, limit: number): Promise<EventRow[]> {
    const r = await this.pool.query<EventRow>('SELECT * FROM events.log WHERE cursor > $1 ORDER BY cursor LIMIT $2', [cursor.toString(), limit]);
    return r.rows;
  }

  async latestCursor(): Promise<bigint> {
    const r = await this.pool.query<{ c: string | null }>('SELECT max(cursor)::text AS c FROM events.log');
    return BigInt(r.rows[0].c ?? '0');
  }

  /** Cursors at or below the floor were removed by retention. */
  async retentionFloor(): Promise<bigint> {
    const r = await this.pool.query<{ floor: string }>('SELECT floor::text FROM events.retention WHERE id = 1');
    return BigInt(r.rows[0].floor);
  }

  /**
   * Deletes the events older than `days` and raises the floor. Retention does not wait for webhooks
   * (a receiver gone for good would keep the log forever): a webhook whose undelivered events are
   * deleted is marked with the lost range in the same statement, because only here is it known which
   * of the deleted events matched its types and area; its next delivery reports the gap.
   */
  async applyRetention(days: number): Promise<number> {
    const r = await this.pool.query<{ deleted: number }>(
      `WITH gone AS (
         DELETE FROM events.log WHERE occurred_at < now() - make_interval(days => $1) RETURNING cursor, type, area_ancestry, occurred_at
       ), lost AS (
         SELECT w.id, max(g.cursor) AS hi, count(*)::int AS n FROM events.webhooks w
         JOIN gone g ON g.cursor > w.delivered_through AND (cardinality(w.types) = 0 OR g.type = ANY(w.types))
           AND (w.area_id IS NULL OR g.area_ancestry @> ARRAY[w.area_id]) AND g.occurred_at >= w.created_at
         WHERE w.removed_at IS NULL GROUP BY w.id
       ), marked AS (
         UPDATE events.webhooks w SET lost_after = coalesce(w.lost_after, w.delivered_through),
           lost_through = greatest(coalesce(w.lost_through, 0), lost.hi), lost_count = w.lost_count + lost.n
         FROM lost WHERE w.id = lost.id RETURNING w.id
       ), raised AS (
         UPDATE events.retention SET floor = greatest(floor, (SELECT max(cursor) FROM gone)) WHERE id = 1 AND EXISTS (SELECT 1 FROM gone) RETURNING floor
       )
       SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT count(*) FROM marked)::int AS webhooks, (SELECT count(*) FROM raised)::int AS raised`,
      [days],
    );
    return r.rows[0].deleted;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
