import type { Pool, PoolClient } from 'pg';
import { SecretBox } from './secret-box';

export interface WebhookRow {
  id: string;
  url: string;
  types: string[];
  area_id: string | null;
  active: boolean;
  consecutive_failures: number;
  created_at: Date;
  owner_sub: string;
  secret: string;
  delivered_through: string;
  /** events per POST the receiver accepts (X-KHG-Accept-Batch) */
  batch_max: number;
  /** events retention removed before delivery: the cursors after `lost_after` through `lost_through` (store.ts applyRetention) */
  lost_after: string | null;
  lost_through: string | null;
  lost_count: number;
}
export interface DeliveryRow {
  cursor: string;
  event_type: string | null;
  attempts: number;
  last_status: number | null;
  delivered_at: Date | null;
  last_error: string | null;
}
export interface PendingEvent {
  cursor: string;
  type: string;
  subject_id: string;
  area_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export interface NewWebhook {
  id: string;
  url: string;
  types: string[];
  areaId: string | null;
  secret: string;
  ownerSub: string;
}

/** The SQL of webhooks and their delivery log, in the gateway's `events` schema. */
export class WebhookStore {
  /** signing secrets are sealed at rest (secret-box.ts); rows leave this class with the clear secret */
  constructor(
    private readonly pool: Pool,
    private readonly box: SecretBox = SecretBox.fromEnv(),
  ) {}

  private clear = (r: WebhookRow | undefined): WebhookRow | undefined => r && { ...r, secret: this.box.open(r.secret, r.id) };

  async find(id: string): Promise<WebhookRow | undefined> {
    return this.clear((await this.pool.query<WebhookRow>('SELECT * FROM events.webhooks WHERE id = $1 AND removed_at IS NULL', [id])).rows[0]);
  }

  /** `ownerSub` null: every webhook. */
  async list(ownerSub: string | null): Promise<WebhookRow[]> {
    return (
      await this.pool.query<WebhookRow>(`SELECT * FROM events.webhooks WHERE removed_at IS NULL AND ($1 OR owner_sub = $2) ORDER BY created_at`, [
        ownerSub === null,
        ownerSub,
      ])
    ).rows.map((r) => this.clear(r)!);
  }

  /** The latest delivery attempts, newest first. */
  async deliveries(webhookId: string, first: number): Promise<DeliveryRow[]> {
    return (
      await this.pool.query<DeliveryRow>(
        `SELECT d.cursor::text, l.type AS event_type, d.attempts, d.last_status, d.delivered_at, d.last_error
       FROM events.webhook_deliveries d LEFT JOIN events.log l ON l.cursor = d.cursor
       WHERE d.webhook_id = $1 ORDER BY d.cursor::bigint DESC LIMIT $2`,
        [webhookId, first],
      )
    ).rows;
  }

  /** Deliveries start after the newest event in the log. */
  async register(w: NewWebhook): Promise<WebhookRow> {
    return (
      await this.pool.query<WebhookRow>(
        `INSERT INTO events.webhooks (id, url, types, area_id, secret, owner_sub, delivered_through)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT coalesce(max(cursor), 0) FROM events.log)) RETURNING *`,
        [w.id, w.url, w.types, w.areaId, this.box.seal(w.secret, w.id), w.ownerSub],
      )
    ).rows.map((r) => this.clear(r)!)[0];
  }

  async resume(id: string): Promise<WebhookRow> {
    return (
      await this.pool.query<WebhookRow>(
        'UPDATE events.webhooks SET active = true, consecutive_failures = 0, next_attempt_at = now() WHERE id = $1 RETURNING *',
        [id],
      )
    ).rows.map((r) => this.clear(r)!)[0];
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('UPDATE events.webhooks SET removed_at = now(), active = false WHERE id = $1', [id]);
  }

  /** Ids of active webhooks whose next attempt is due, most overdue first. */
  async due(limit: number): Promise<string[]> {
    return (
      await this.pool.query<{ id: string }>(
        'SELECT id FROM events.webhooks WHERE active AND removed_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1',
        [limit],
      )
    ).rows.map((r) => r.id);
  }

  /**
   * Runs `serve` on one connection under the webhook's session advisory lock, not a transaction: a
   * transaction held open across HTTP calls would hold back the relay's horizon and delay every
   * event. Another replica holding the lock: nothing runs.
   */
  async underLock(id: string, serve: (s: DeliverySession) => Promise<void>): Promise<void> {
    const c = await this.pool.connect();
    const key = `khg-webhook:${id}`;
    try {
      const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      if (!rows[0].ok) return;
      try {
        await serve(new DeliverySession(c, this.box));
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      c.release();
    }
  }
}

/** One webhook's deliveries on the connection that holds its lock. */
export class DeliverySession {
  constructor(
    private readonly c: PoolClient,
    private readonly box: SecretBox,
  ) {}

  async dueWebhook(id: string): Promise<WebhookRow | undefined> {
    const r = (
      await this.c.query<WebhookRow>('SELECT * FROM events.webhooks WHERE id = $1 AND active AND removed_at IS NULL AND next_attempt_at <= now()', [id])
    ).rows[0];
    return r && { ...r, secret: this.box.open(r.secret, r.id) };
  }

  /** The next events for the webhook, in cursor order: its types, its area's subtree, since it was registered. */
  async pendingEvents(w: WebhookRow, limit: number): Promise<PendingEvent[]> {
    return (
      await this.c.query<PendingEvent>(
        `SELECT l.cursor::text AS cursor, l.type, l.subject_id, l.area_id, l.payload, l.occurred_at FROM events.log l
       WHERE l.cursor > $1 AND (cardinality($2::text[]) = 0 OR l.type = ANY($2)) AND ($3::text IS NULL OR l.area_ancestry @> ARRAY[$3::text])
         AND l.occurred_at >= $4
       ORDER BY l.cursor LIMIT ${limit}`,
        [w.delivered_through, w.types, w.area_id, w.created_at],
      )
    ).rows;
  }

  /** The attempt of one POST: a row per event it carried, in one statement. */
  async recordAttempts(webhookId: string, cursors: string[], status: number | null, error: string | null): Promise<void> {
    await this.c.query(
      `INSERT INTO events.webhook_deliveries (webhook_id, cursor, attempts, last_status, last_error, delivered_at)
       SELECT $1, c, 1, $3, $4, CASE WHEN $5 THEN now() END FROM unnest($2::bigint[]) AS c
       ON CONFLICT (webhook_id, cursor) DO UPDATE SET attempts = webhook_deliveries.attempts + 1, last_status = $3,
         last_error = $4, delivered_at = CASE WHEN $5 THEN now() END, updated_at = now()`,
      [webhookId, cursors, status, error, error === null],
    );
  }

  async setBatchMax(webhookId: string, n: number): Promise<void> {
    await this.c.query('UPDATE events.webhooks SET batch_max = $2 WHERE id = $1', [webhookId, n]);
  }

  async markDelivered(webhookId: string, cursor: string): Promise<void> {
    await this.c.query('UPDATE events.webhooks SET delivered_through = $2, consecutive_failures = 0 WHERE id = $1', [webhookId, cursor]);
  }

  /**
   * Clears the gap once a delivery that reported it was acknowledged; only the range reported, so
   * a retention run in between (which raised lost_through) is reported again with the next one.
   */
  async clearGap(webhookId: string, lostThrough: string): Promise<void> {
    await this.c.query('UPDATE events.webhooks SET lost_after = NULL, lost_through = NULL, lost_count = 0 WHERE id = $1 AND lost_through = $2', [
      webhookId,
      lostThrough,
    ]);
  }

  async markFailed(webhookId: string, failures: number, active: boolean, retryInMs: number): Promise<void> {
    await this.c.query(`UPDATE events.webhooks SET consecutive_failures = $2, active = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`, [
      webhookId,
      failures,
      active,
      retryInMs / 1000,
    ]);
  }
}
