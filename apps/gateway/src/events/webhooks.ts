import { randomBytes } from 'node:crypto';
import gql from 'graphql-tag';
import type { GraphQLSchema } from 'graphql';
import type { Pool } from 'pg';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { EventType, Role } from '@khg/domain';
import { DateTimeScalar, DomainError, badInput, newId, notFound, requireRole, unauthenticated, type Caller } from '@khg/platform';
import { WebhookStore, type WebhookRow } from './webhook-store';

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
  """
  Events removed by retention (EVENT_RETENTION_DAYS) before this webhook received them; null when none.
  Reported with the next delivery (its \`gap\` field), then cleared.
  """
  lostEvents: WebhookGap
}

"""Events this webhook will never receive: the cursors after afterCursor through throughCursor; resynchronise them by querying the graph."""
type WebhookGap {
  afterCursor: String!
  throughCursor: String!
  """how many of the removed events matched the webhook's types and area"""
  events: Int!
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

const WEBHOOK_ROLES = [Role.DEPARTMENT, Role.ADMIN];
const MAX_DELIVERIES = 500;

interface WebhookContext {
  caller?: Caller;
}

function requireWebhookRole(caller: Caller | undefined): Caller {
  if (!caller) throw unauthenticated();
  requireRole(caller, WEBHOOK_ROLES, 'Webhooks', `Webhooks need the role DEPARTMENT or ADMIN; you are ${caller.role}`);
  return caller;
}

function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw badInput(`url "${raw}" is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badInput('url must be http(s)');
  if (u.username || u.password) throw badInput('url must not carry credentials: verify the signature instead');
  return u.toString();
}

/**
 * The webhooks subgraph's schema and resolvers; the SQL is WebhookStore's. Without the event log
 * (no DATABASE_URL) every field answers SERVICE_UNAVAILABLE.
 */
export function buildWebhooksSchema(pool: Pool | null): GraphQLSchema {
  const store = pool ? new WebhookStore(pool) : null;
  const webhooks = (): WebhookStore => {
    if (!store) throw new DomainError('SERVICE_UNAVAILABLE', 'Webhooks need the gateway to have DATABASE_URL set');
    return store;
  };
  const owned = async (caller: Caller, id: string): Promise<WebhookRow> => {
    const w = await webhooks().find(id);
    if (!w || (caller.role !== Role.ADMIN && w.owner_sub !== caller.sub)) throw notFound('Webhook', id);
    return w;
  };
  const resolvers = {
    DateTime: DateTimeScalar,
    Webhook: {
      areaId: (w: WebhookRow) => w.area_id,
      consecutiveFailures: (w: WebhookRow) => w.consecutive_failures,
      createdAt: (w: WebhookRow) => w.created_at,
      lostEvents: (w: WebhookRow) =>
        w.lost_through === null ? null : { afterCursor: String(w.lost_after ?? '0'), throughCursor: String(w.lost_through), events: w.lost_count },
      deliveries: async (w: WebhookRow, { first }: { first: number }) => {
        if (first < 0 || first > MAX_DELIVERIES) throw badInput(`first must be between 0 and ${MAX_DELIVERIES}`);
        const rows = await webhooks().deliveries(w.id, first);
        return rows.map((d) => ({
          cursor: d.cursor,
          eventType: d.event_type,
          attempts: d.attempts,
          lastStatus: d.last_status,
          deliveredAt: d.delivered_at,
          lastError: d.last_error,
        }));
      },
    },
    Query: {
      webhooks: async (_: unknown, __: unknown, ctx: WebhookContext) => {
        const caller = requireWebhookRole(ctx.caller);
        return webhooks().list(caller.role === Role.ADMIN ? null : caller.sub);
      },
    },
    Mutation: {
      registerWebhook: async (_: unknown, { input }: { input: { url: string; types?: string[] | null; areaId?: string | null } }, ctx: WebhookContext) => {
        const caller = requireWebhookRole(ctx.caller);
        const url = checkUrl(input.url);
        if (input.areaId && !/^area_/.test(input.areaId)) throw badInput(`areaId "${input.areaId}" is not an Area id`);
        const secret = randomBytes(32).toString('hex');
        const webhook = await webhooks().register({
          id: newId('Webhook'),
          url,
          types: [...new Set(input.types ?? [])],
          areaId: input.areaId ?? null,
          secret,
          ownerSub: caller.sub,
        });
        return { webhook, secret };
      },
      resumeWebhook: async (_: unknown, { id }: { id: string }, ctx: WebhookContext) => {
        await owned(requireWebhookRole(ctx.caller), id);
        return webhooks().resume(id);
      },
      removeWebhook: async (_: unknown, { id }: { id: string }, ctx: WebhookContext) => {
        await owned(requireWebhookRole(ctx.caller), id);
        await webhooks().remove(id);
        return true;
      },
    },
  };
  return buildSubgraphSchema({ typeDefs: gql(WEBHOOKS_SDL), resolvers: resolvers as never });
}
