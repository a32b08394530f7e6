import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, extendSchema, parse, type GraphQLResolveInfo, type GraphQLSchema, type GraphQLFieldResolver } from 'graphql';
import { WebSocketServer } from 'ws';
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ApolloServer } from '@apollo/server';
import { EventType, Role } from '@khg/domain';
import type { Logger, MembershipDirectory } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import type { GatewayContext } from '../context';
import type { OperationGuard } from '../limits';
import { ENTITY_FIELDS, planEntities, type EntityPlan } from './entities';
import { matches, type EventFilter, type EventHub } from './hub';
import { LEGACY_PROTOCOL, serveLegacyProtocol } from './legacy-ws';
import type { EventRow, EventStore } from './store';
import { SubscriberRefused, authenticateSubscriber, authorizationOf, checkSubscription, type SubscriptionContext } from './subscriber';

const BATCH = 100;

/** The subscription API, added to the gateway's API schema (which has no Subscription). */
export function subscriptionSdl(api: GraphQLSchema): string {
  const entity = (field: string, type: string, what: string) => (api.getType(type) ? `  """${what}"""\n  ${field}: ${type}\n` : '');
  return `
${api.getType('EventType') ? '' : `"""What changed (loại sự kiện)."""\nenum EventType { ${Object.values(EventType).join(' ')} }`}
${api.getType('DateTime') ? '' : 'scalar DateTime'}
"""A change in the graph, from a subgraph's outbox. Entity fields resolve through the whole graph."""
type DomainEvent {
  """Orders every event totally; pass the last one you saw as \`after\` to resume without loss."""
  cursor: String!
  type: EventType!
  occurredAt: DateTime!
  """Id of the entity that changed."""
  subjectId: ID!
  """Where it happened (for filtering by area subtree)."""
  areaId: ID
${entity('member', 'Member', 'The member, for member, card and fee events.')}${entity('donation', 'Donation', 'The donation, for donation events.')}${entity('award', 'Award', 'The award, for AWARD_GRANTED.')}${entity('learningModelEntry', 'LearningModelEntry', 'The entry, for learning-model events.')}${entity('inspection', 'Inspection', 'The inspection, for inspection and recommendation events.')}}
type Subscription {
  """Every event after \`after\` first (replay), then live ones; filtered by types and by area subtree. ADMIN, DEPARTMENT, ANALYST; an OFFICER sees its own area's subtree."""
  events(types: [EventType!], areaId: ID, after: String): DomainEvent!
}
extend schema { subscription: Subscription }
`;
}

interface Payload {
  row: EventRow;
  entities: Record<string, unknown>;
}

/** One subscriber's stream: replay from the log, then live rows from the hub, entities fetched per batch. */
class EventStream implements AsyncIterableIterator<Payload> {
  private readonly queue: EventRow[] = [];
  private readonly ready: Payload[] = [];
  private wake: (() => void) | null = null;
  private closed = false;
  private last: bigint;
  private unlisten: (() => void) | null = null;
  private replaying = true;

  constructor(
    private readonly store: EventStore,
    private readonly hub: EventHub,
    private readonly filter: EventFilter,
    after: bigint,
    private readonly fetchEntities: (rows: EventRow[]) => Promise<Record<string, unknown>[]>,
  ) {
    this.last = after;
    // Listen first, replay second: live rows arriving during the replay wait in the queue and
    // are de-duplicated by cursor.
    this.unlisten = hub.listen((rows) => this.push(rows));
    void this.replay();
  }

  private push(rows: EventRow[]): void {
    for (const r of rows) if (matches(this.filter, r)) this.queue.push(r);
    if (!this.replaying) this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async replay(): Promise<void> {
    try {
      let from = this.last;
      const replayed: EventRow[] = [];
      for (;;) {
        const rows = await this.store.after(from, 1000);
        if (!rows.length) break;
        replayed.push(...rows.filter((r) => matches(this.filter, r)));
        from = BigInt(rows[rows.length - 1].cursor);
        if (rows.length < 1000) break;
      }
      this.queue.unshift(...replayed);
    } finally {
      this.replaying = false;
      this.signal();
    }
  }

  async next(): Promise<IteratorResult<Payload>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const ready = this.ready.shift();
      if (ready) return { done: false, value: ready };
      if (!this.replaying) {
        const batch: EventRow[] = [];
        while (this.queue.length && batch.length < BATCH) {
          const r = this.queue.shift()!;
          if (BigInt(r.cursor) <= this.last) continue;
          this.last = BigInt(r.cursor);
          batch.push(r);
        }
        if (batch.length) {
          const entities = await this.fetchEntities(batch);
          batch.forEach((row, i) => this.ready.push({ row, entities: entities[i] }));
          continue;
        }
      }
      await new Promise<void>((r) => {
        this.wake = r;
      });
    }
  }

  async return(): Promise<IteratorResult<Payload>> {
    this.closed = true;
    this.unlisten?.();
    this.signal();
    return { done: true, value: undefined };
  }

  async throw(e: unknown): Promise<IteratorResult<Payload>> {
    await this.return();
    throw e;
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

export interface SubscriptionDeps {
  store: EventStore;
  hub: EventHub;
  apollo: ApolloServer<GatewayContext>;
  auth: CallerAuthenticator;
  directory: MembershipDirectory;
  log: Logger;
}

function parseCursor(after: string | null | undefined): bigint | null {
  if (after === null || after === undefined) return null;
  if (!/^\d{1,19}$/.test(after)) throw new GraphQLError(`after "${after}" is not a cursor of this API`, { extensions: { code: 'BAD_USER_INPUT' } });
  return BigInt(after);
}

/** Builds the combined (API + subscription) schema with its resolvers. */
export function buildSubscriptionSchema(api: GraphQLSchema, deps: SubscriptionDeps): GraphQLSchema {
  const schema = extendSchema(api, parse(subscriptionSdl(api)), { assumeValidSDL: true });
  const eventType = schema.getType('DomainEvent') as import('graphql').GraphQLObjectType;
  const byKey: GraphQLFieldResolver<Payload, unknown> = (p, _a, _c, info) => p.entities[info.path.key as string] ?? null;
  const fields = eventType.getFields();
  fields.cursor.resolve = (p: Payload) => p.row.cursor;
  fields.type.resolve = (p: Payload) => p.row.type;
  fields.occurredAt.resolve = (p: Payload) => p.row.occurred_at;
  fields.subjectId.resolve = (p: Payload) => p.row.subject_id;
  fields.areaId.resolve = (p: Payload) => p.row.area_id;
  for (const f of Object.keys(ENTITY_FIELDS)) if (fields[f]) fields[f].resolve = byKey as never;

  const events = schema.getSubscriptionType()!.getFields().events;
  events.resolve = (p: Payload) => p;
  events.subscribe = async (
    _root,
    args: { types?: string[] | null; areaId?: string | null; after?: string | null },
    ctx: SubscriptionContext,
    info: GraphQLResolveInfo,
  ) => {
    const filter: EventFilter = { types: args.types?.length ? new Set(args.types) : null, withinAreas: [] };
    if (args.areaId) filter.withinAreas.push(args.areaId);
    if (ctx.caller.role === Role.OFFICER) {
      const [org] = await deps.directory.organizations([ctx.caller.orgId!]);
      if (!org) throw new GraphQLError('Your organisation is unknown', { extensions: { code: 'FORBIDDEN' } });
      filter.withinAreas.push(org.areaId);
    }
    let after = parseCursor(args.after);
    if (after !== null) {
      const floor = await deps.store.retentionFloor();
      if (after < floor) {
        throw new GraphQLError(
          `The cursor ${after} is older than the events kept (retention); resynchronise by querying the graph, then subscribe without "after"`,
          { extensions: { code: 'CURSOR_EXPIRED' } },
        );
      }
    } else {
      after = deps.hub.position;
    }
    const plan: EntityPlan = planEntities(info, api);
    const fetchEntities = async (rows: EventRow[]): Promise<Record<string, unknown>[]> => {
      const op = plan.build(rows);
      if (!op) return rows.map(() => ({}));
      const { caller, header } = await deps.auth.authenticate(`Bearer ${ctx.token}`);
      const res = await deps.apollo.executeOperation(
        { query: op.document, variables: op.variables },
        { contextValue: { caller, callerHeader: header, requestId: `events-${Date.now()}`, internal: true } },
      );
      const data = res.body.kind === 'single' ? (res.body.singleResult.data as Record<string, unknown[] | null> | null) : null;
      if (res.body.kind === 'single' && res.body.singleResult.errors?.length)
        deps.log.warn({ errors: res.body.singleResult.errors.map((e) => e.message) }, 'event entities partly failed');
      return rows.map((_, i) => {
        const out: Record<string, unknown> = {};
        op.slots.forEach((slot, s) => {
          const id = slot.ids[i];
          if (!id) return;
          const unique = op.variables[`k${s}`] as string[];
          out[slot.key] = data?.[`k${s}`]?.[unique.indexOf(id)] ?? null;
        });
        return out;
      });
    };
    return new EventStream(deps.store, deps.hub, filter, after, fetchEntities);
  };
  return schema;
}

export interface SubscriptionTransportOptions {
  auth: CallerAuthenticator;
  log: Logger;
  guard?: OperationGuard;
  /** legacy protocol keep-alive (`ka`) interval */
  keepAliveMs?: number;
}

/** The subprotocols a client offered in its upgrade request. */
function offeredProtocols(req: IncomingMessage): string[] {
  return String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Both WebSocket subscription protocols on the same path as HTTP queries, chosen by the subprotocol
 * the client offers: `graphql-transport-ws` (graphql-ws, current clients) or `graphql-ws` (the
 * legacy subscriptions-transport-ws protocol, Playground's). Same tokens (in the connection
 * parameters), same checks, the same `events` resolver.
 */
export function serveSubscriptions(httpServer: Server, path: string, getSchema: () => GraphQLSchema, o: SubscriptionTransportOptions) {
  const { auth, log, guard } = o;
  const current = new WebSocketServer({ noServer: true });
  const legacy = new WebSocketServer({ noServer: true, handleProtocols: () => LEGACY_PROTOCOL });
  serveLegacyProtocol(legacy, { schema: getSchema, auth, guard, log, keepAliveMs: o.keepAliveMs ?? 15_000, initTimeoutMs: 10_000 });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?')[0] !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const offered = offeredProtocols(req);
    // graphql-ws when offered (or when nothing is: it then closes with 4406 and says why)
    const wss = !offered.includes(GRAPHQL_TRANSPORT_WS_PROTOCOL) && offered.includes(LEGACY_PROTOCOL) ? legacy : current;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);
  const server = useServer<Record<string, unknown> | undefined, { khg?: SubscriptionContext }>(
    {
      schema: getSchema,
      context: (ctx) => ({ ...ctx.extra.khg! }),
      // The same checks as every transport (subscriber.ts): limits as for HTTP queries (docs/security.md).
      onSubscribe: (_ctx, _id, payload) => {
        const schema = getSchema() as GraphQLSchema | null;
        if (!schema)
          return [
            new GraphQLError('Subscriptions are unavailable until the gateway has loaded a schema; retry shortly', {
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            }),
          ];
        const checked = checkSubscription(schema, payload, guard);
        if ('errors' in checked) return checked.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
      },
      // Acknowledges a subscription once its start position is fixed and it listens (graphql-ws has no
      // message for that; a pong may carry any payload): a client that writes after this ack is sure
      // to receive the write's event.
      onOperation: (ctx, id, _payload, _args, result) => {
        if (Symbol.asyncIterator in result) ctx.extra.socket.send(JSON.stringify({ type: 'pong', payload: { subscribed: id } }));
      },
      onConnect: async (ctx) => {
        try {
          ctx.extra.khg = await authenticateSubscriber(auth, authorizationOf(ctx.connectionParams), log);
          return true;
        } catch (e) {
          if (e instanceof SubscriberRefused) return false;
          throw e;
        }
      },
    },
    current,
  );
  return {
    wss: current,
    async close() {
      httpServer.off('upgrade', onUpgrade);
      // 1012 (service restart) tells clients of both protocols to reconnect, and resume with their last cursor.
      const reason = 'Service restart: reconnect and resume from your last cursor';
      for (const socket of [...current.clients, ...legacy.clients]) socket.close(1012, reason);
      // dispose() closes the graphql-ws WebSocketServer itself; a second close() would wait for a 'close' event already emitted.
      await server.dispose();
      await new Promise<void>((resolve) => legacy.close(() => resolve()));
    },
  };
}
