import { createHmac, randomBytes } from 'node:crypto';
import gql from 'graphql-tag';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { EventType, Role } from '@khg/domain';
import { DateTimeScalar, SerialTask, newId, type Caller, type Logger } from '@khg/platform';
import type { EventStore } from './store';

/**
 * Webhooks are served by a small subgraph that lives inside the gateway process (a
 * LocalGraphQLDataSource): its types compose into the supergraph like any other, and its data lives
 * in the gateway's own `events` schema.
 */
export const WEBHOOKS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])

scalar DateTime

"""What changed (loại sự kiện)."""
enum EventType { ${Object.values(EventType).join(' ')} }

"""A departmental system's HTTP endpoint that receives signed POSTs of events (see docs/subscriptions.md)."""
type Webhook {
  id: ID!
  url: String!
  """The event types delivered; empty: every type."""
  types: [EventType!]!
  """Only events in this area's subtree; null: everywhere."""
  areaId: ID
  """false once paused after repeated failures; resumeWebhook turns it on again."""
  active: Boolean!
  consecutiveFailures: Int!
  createdAt: DateTime!
  """The latest delivery attempts, newest first."""
  deliveries(first: Int = 50): [WebhookDelivery!]!
}

"""One event's delivery to a webhook: retried with exponential backoff until acknowledged (HTTP 2xx)."""
type WebhookDelivery {
  cursor: String!
  eventType: EventType
  attempts: Int!
  lastStatus: Int
  deliveredAt: DateTime
  lastError: String
}

type WebhookRegistration {
  webhook: Webhook!
  """The signing secret, shown only here: keep it to verify the X-KHG-Signature header."""
  secret: String!
}

input RegisterWebhookInput {
  url: String!
  types: [EventType!]
  areaId: ID
}

type Query {
  """Your webhooks (ADMIN: every webhook). DEPARTMENT or ADMIN."""
  webhooks: [Webhook!]!
}

type Mutation {
  """Registers a webhook; deliveries start with the changes made after it. DEPARTMENT or ADMIN."""
  registerWebhook(input: RegisterWebhookInput!): WebhookRegistration!
  """Resumes a paused webhook from where it stopped."""
  resumeWebhook(id: ID!): Webhook!
  """Stops deliveries and removes the webhook (its delivery log is kept)."""
  removeWebhook(id: ID!): Boolean!
}
`;

interface WebhookRow {
  id: string; url: string; types: string[]; area_id: string | null; active: boolean;
  consecutive_failures: number; created_at: Date; owner_sub: string; secret: string; delivered_through: string;
}
interface DeliveryRow { cursor: string; event_type: string | null; attempts: number; last_status: number | null; delivered_at: Date | null; last_error: string | null }

const fail = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

function requireWebhookRole(caller: Caller | undefined): Caller {
  if (!caller) throw fail('UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>"');
  if (caller.role !== Role.ADMIN && caller.role !== Role.DEPARTMENT) throw fail('FORBIDDEN', `Webhooks need the role DEPARTMENT or ADMIN; you are ${caller.role}`);
  return caller;
}

function checkUrl(raw: string): string {
  let u: URL;
  try { u = new URL(raw); } catch { throw fail('BAD_USER_INPUT', `url "${raw}" is not a URL`); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw fail('BAD_USER_INPUT', 'url must be http(s)');
  if (u.username || u.password) throw fail('BAD_USER_INPUT', 'url must not carry credentials: verify the signature instead');
  return u.toString();
}

export function buildWebhooksSchema(maybeStore: EventStore | null): GraphQLSchema {
  const need = (): EventStore => {
    if (!maybeStore) throw fail('SERVICE_UNAVAILABLE', 'Webhooks need the gateway to have DATABASE_URL set');
    return maybeStore;
  };
  const store = new Proxy({} as EventStore, { get: (_t, prop) => (need() as unknown as Record<string | symbol, unknown>)[prop] });
  const owned = async (caller: Caller, id: string): Promise<WebhookRow> => {
    const r = await store.pool.query<WebhookRow>('SELECT * FROM events.webhooks WHERE id = $1 AND removed_at IS NULL', [id]);
    const w = r.rows[0];
    if (!w || (caller.role !== Role.ADMIN && w.owner_sub !== caller.sub)) throw fail('NOT_FOUND', `Webhook ${id} does not exist`);
    return w;
  };
  const resolvers = {
    DateTime: DateTimeScalar,
    Webhook: {
      areaId: (w: WebhookRow) => w.area_id,
      consecutiveFailures: (w: WebhookRow) => w.consecutive_failures,
      createdAt: (w: WebhookRow) => w.created_at,
      deliveries: async (w: WebhookRow, { first }: { first: number }) => {
        if (first < 0 || first > 500) throw fail('BAD_USER_INPUT', 'first must be between 0 and 500');
        const r = await store.pool.query<DeliveryRow>(
          `SELECT d.cursor::text, l.type AS event_type, d.attempts, d.last_status, d.delivered_at, d.last_error
           FROM events.webhook_deliveries d LEFT JOIN events.log l ON l.cursor = d.cursor
           WHERE d.webhook_id = $1 ORDER BY d.cursor::bigint DESC LIMIT $2`, [w.id, first]);
        return r.rows.map((d) => ({ cursor: d.cursor, eventType: d.event_type, attempts: d.attempts, lastStatus: d.last_status, deliveredAt: d.delivered_at, lastError: d.last_error }));
      },
    },
    Query: {
      webhooks: async (_: unknown, __: unknown, ctx: { caller?: Caller }) => {
        const caller = requireWebhookRole(ctx.caller);
        const r = await store.pool.query<WebhookRow>(
          `SELECT * FROM events.webhooks WHERE removed_at IS NULL AND ($1 OR owner_sub = $2) ORDER BY created_at`, [caller.role === Role.ADMIN, caller.sub]);
        return r.rows;
      },
    },
    Mutation: {
      registerWebhook: async (_: unknown, { input }: { input: { url: string; types?: string[] | null; areaId?: string | null } }, ctx: { caller?: Caller }) => {
        const caller = requireWebhookRole(ctx.caller);
        const url = checkUrl(input.url);
        if (input.areaId && !/^area_/.test(input.areaId)) throw fail('BAD_USER_INPUT', `areaId "${input.areaId}" is not an Area id`);
        const secret = randomBytes(32).toString('hex');
        const r = await store.pool.query<WebhookRow>(
          `INSERT INTO events.webhooks (id, url, types, area_id, secret, owner_sub, delivered_through)
           VALUES ($1, $2, $3, $4, $5, $6, (SELECT coalesce(max(cursor), 0) FROM events.log)) RETURNING *`,
          [newId('Webhook'), url, [...new Set(input.types ?? [])], input.areaId ?? null, secret, caller.sub]);
        return { webhook: r.rows[0], secret };
      },
      resumeWebhook: async (_: unknown, { id }: { id: string }, ctx: { caller?: Caller }) => {
        const caller = requireWebhookRole(ctx.caller);
        await owned(caller, id);
        const r = await store.pool.query<WebhookRow>(
          'UPDATE events.webhooks SET active = true, consecutive_failures = 0, next_attempt_at = now() WHERE id = $1 RETURNING *', [id]);
        return r.rows[0];
      },
      removeWebhook: async (_: unknown, { id }: { id: string }, ctx: { caller?: Caller }) => {
        const caller = requireWebhookRole(ctx.caller);
        await owned(caller, id);
        await store.pool.query('UPDATE events.webhooks SET removed_at = now(), active = false WHERE id = $1', [id]);
        return true;
      },
    },
  };
  return buildSubgraphSchema({ typeDefs: gql(WEBHOOKS_SDL), resolvers: resolvers as never });
}

/** The signature header: HMAC-SHA256 over "<timestamp>.<body>" with the webhook's secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface DispatcherOptions { retryBaseMs: number; maxFailures: number; timeoutMs: number; pollMs: number }

interface PendingEvent { cursor: string; type: string; subject_id: string; area_id: string | null; payload: Record<string, unknown>; occurred_at: Date }

/**
 * Delivers events to webhooks, at least once and strictly in cursor order per webhook: the next
 * event waits until the previous one is acknowledged. A failure is retried after
 * base × 2^(failures−1) (capped at 10 minutes); after `maxFailures` in a row the webhook is paused.
 * A per-webhook advisory lock keeps several gateway replicas from delivering the same webhook at once.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly passes = new SerialTask(() => this.pass(), (e) => this.log.warn({ err: e.message }, 'webhook pass failed'));

  constructor(private readonly store: EventStore, private readonly o: DispatcherOptions, private readonly log: Logger) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
  }

  /** Serves the due webhooks now, or right after the current pass. */
  kick(): void {
    this.passes.kick();
  }

  private async pass(): Promise<void> {
    const due = await this.store.pool.query<{ id: string }>(
      'SELECT id FROM events.webhooks WHERE active AND removed_at IS NULL AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 50');
    await Promise.all(due.rows.map((w) => this.serve(w.id)));
  }

  /**
   * Serves one webhook under a session advisory lock, not a transaction: a transaction held open
   * across HTTP calls would hold back the relay's horizon and delay every event.
   */
  private async serve(id: string): Promise<void> {
    const c = await this.store.pool.connect();
    const key = `khg-webhook:${id}`;
    try {
      const { rows } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
      if (!rows[0].ok) return;
      try {
        const w = (await c.query<WebhookRow>(
          'SELECT * FROM events.webhooks WHERE id = $1 AND active AND removed_at IS NULL AND next_attempt_at <= now()', [id])).rows[0];
        if (!w) return;
        const events = (await c.query<PendingEvent>(
          `SELECT l.cursor::text AS cursor, l.type, l.subject_id, l.area_id, l.payload, l.occurred_at FROM events.log l
           WHERE l.cursor > $1 AND (cardinality($2::text[]) = 0 OR l.type = ANY($2)) AND ($3::text IS NULL OR l.area_ancestry @> ARRAY[$3::text])
             AND l.occurred_at >= $4
           ORDER BY l.cursor LIMIT 20`, [w.delivered_through, w.types, w.area_id, w.created_at])).rows;
        for (const e of events) {
          if (this.passes.stopped || !(await this.deliver(c, w, e))) break;
        }
      } finally {
        await c.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      c.release();
    }
  }

  private async deliver(c: import('pg').PoolClient, w: WebhookRow, e: PendingEvent): Promise<boolean> {
    const body = JSON.stringify({
      webhookId: w.id, cursor: e.cursor, type: e.type, occurredAt: e.occurred_at, subjectId: e.subject_id, areaId: e.area_id, payload: e.payload,
    });
    const ts = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json', 'user-agent': 'khuyen-hoc-graph-webhooks/1',
          'x-khg-signature': signature(w.secret, ts, body), 'x-khg-webhook-id': w.id,
          'x-khg-event-cursor': e.cursor, 'x-khg-event-type': e.type,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const ok = error === null;
    await c.query(
      `INSERT INTO events.webhook_deliveries (webhook_id, cursor, attempts, last_status, last_error, delivered_at)
       VALUES ($1, $2, 1, $3, $4, CASE WHEN $5 THEN now() END)
       ON CONFLICT (webhook_id, cursor) DO UPDATE SET attempts = webhook_deliveries.attempts + 1, last_status = $3,
         last_error = $4, delivered_at = CASE WHEN $5 THEN now() END, updated_at = now()`,
      [w.id, e.cursor, status, error, ok]);
    if (ok) {
      await c.query('UPDATE events.webhooks SET delivered_through = $2, consecutive_failures = 0 WHERE id = $1', [w.id, e.cursor]);
      w.delivered_through = e.cursor;
      return true;
    }
    const failures = w.consecutive_failures + 1;
    const delay = Math.min(this.o.retryBaseMs * 2 ** (failures - 1), 600_000);
    await c.query(
      `UPDATE events.webhooks SET consecutive_failures = $2, active = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [w.id, failures, failures < this.o.maxFailures, delay / 1000]);
    if (failures >= this.o.maxFailures) this.log.warn({ webhook: w.id, failures }, 'webhook paused after repeated failures');
    return false;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.passes.stop();
  }
}
