import { subscribe, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@khg/platform';
import type { CallerAuthenticator } from '../caller';
import type { OperationGuard } from '../limits';
import { SubscriberRefused, authenticateSubscriber, authorizationOf, checkSubscription, type SubscribeRequest, type SubscriptionContext } from './subscriber';

/**
 * The WebSocket subprotocol of the legacy `subscriptions-transport-ws` message protocol, the one
 * GraphQL Playground (and Apollo Client 2) speak. (graphql-ws, the current protocol, is
 * `graphql-transport-ws`: the names are historically crossed.)
 *
 * The npm `subscriptions-transport-ws` server is deprecated and unmaintained, and needs a schema
 * executor of its own; the protocol is eight small JSON messages, so it is served here over the
 * same `ws` server as graphql-ws, with the same authentication, checks and `events` resolver.
 */
export const LEGACY_PROTOCOL = 'graphql-ws';

/** Client → server and server → client message types of the legacy protocol. */
const MSG = {
  INIT: 'connection_init',
  ACK: 'connection_ack',
  CONNECTION_ERROR: 'connection_error',
  KEEP_ALIVE: 'ka',
  TERMINATE: 'connection_terminate',
  START: 'start',
  STOP: 'stop',
  DATA: 'data',
  ERROR: 'error',
  COMPLETE: 'complete',
} as const;

interface ClientMessage {
  type?: unknown;
  id?: unknown;
  payload?: unknown;
}

export interface LegacyOptions {
  schema: () => GraphQLSchema | null;
  auth: CallerAuthenticator;
  guard?: OperationGuard;
  log: Logger;
  /** how often `ka` is sent: the client drops a connection that stays silent longer than its timeout (30 s in Playground) */
  keepAliveMs: number;
  /** how long a socket may stay open without `connection_init` */
  initTimeoutMs: number;
}

interface Operation {
  iterator: AsyncIterator<ExecutionResult> | null;
  stopped: boolean;
}

/** One client connection: init (authenticate once), then any number of subscriptions by id. */
class LegacyConnection {
  private context: SubscriptionContext | null = null;
  private readonly ops = new Map<string, Operation>();
  private keepAlive: NodeJS.Timeout | null = null;
  private readonly initTimer: NodeJS.Timeout;
  /**
   * Messages are handled one after another: a client sends `start` right behind `connection_init`,
   * without waiting for the ack, and the start must see the authentication finished.
   */
  private handled: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly o: LegacyOptions,
  ) {
    this.initTimer = setTimeout(() => socket.close(4408, 'Connection initialisation timeout'), o.initTimeoutMs);
    socket.on('message', (data) => {
      this.handled = this.handled.then(() => this.receive(String(data))).catch((e: Error) => this.fail(e));
    });
    socket.once('close', () => this.closed());
  }

  private fail(e: Error): void {
    this.o.log.error({ err: { message: e.message, name: e.name } }, 'legacy subscription connection failed');
    this.socket.close(1011, 'Internal error');
  }

  private send(type: string, id?: string, payload?: unknown): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify({ type, ...(id !== undefined ? { id } : {}), ...(payload !== undefined ? { payload } : {}) }));
  }

  private async receive(raw: string): Promise<void> {
    let msg: ClientMessage;
    try {
      msg = JSON.parse(raw) as ClientMessage;
    } catch {
      return this.send(MSG.CONNECTION_ERROR, undefined, { message: 'A message must be JSON', extensions: { code: 'BAD_REQUEST' } });
    }
    switch (msg.type) {
      case MSG.INIT:
        return this.init(msg.payload as Record<string, unknown> | undefined);
      case MSG.START:
        return this.start(msg.id, msg.payload as SubscribeRequest | undefined);
      case MSG.STOP:
        return void this.stop(String(msg.id));
      case MSG.TERMINATE:
        return this.socket.close(1000, 'Terminated by the client');
      default:
        return this.send(MSG.ERROR, typeof msg.id === 'string' ? msg.id : undefined, {
          message: `Unknown message type ${JSON.stringify(msg.type)}`,
          extensions: { code: 'BAD_REQUEST' },
        });
    }
  }

  private async init(params: Record<string, unknown> | undefined): Promise<void> {
    clearTimeout(this.initTimer);
    if (this.context) return; // a second init changes nothing: the token was checked once
    try {
      this.context = await authenticateSubscriber(this.o.auth, authorizationOf(params), this.o.log);
    } catch (e) {
      if (!(e instanceof SubscriberRefused)) throw e;
      // Playground shows connection_error's message; then the close code, as graphql-ws closes (4401/4403).
      this.send(MSG.CONNECTION_ERROR, undefined, { message: e.message, extensions: { code: e.code } });
      return this.socket.close(e.status === 401 ? 4401 : 4403, e.status === 401 ? 'Unauthorized' : 'Forbidden');
    }
    this.send(MSG.ACK);
    this.send(MSG.KEEP_ALIVE);
    this.keepAlive = setInterval(() => this.send(MSG.KEEP_ALIVE), this.o.keepAliveMs);
  }

  private async start(rawId: unknown, payload: SubscribeRequest | undefined): Promise<void> {
    if (typeof rawId !== 'string' || !rawId) return this.send(MSG.ERROR, undefined, { message: '`start` needs an `id`', extensions: { code: 'BAD_REQUEST' } });
    const id = rawId;
    const errors = (list: readonly GraphQLFormattedError[]) => this.send(MSG.ERROR, id, list);
    if (!this.context) {
      errors([{ message: 'Send connection_init (with your Authorization) before subscribing', extensions: { code: 'UNAUTHENTICATED' } }]);
      return this.socket.close(4401, 'Unauthorized');
    }
    // A client may reuse an id after stopping it; a start for a running id replaces it, as the old server did.
    if (this.ops.has(id)) await this.stop(id);
    const schema = this.o.schema();
    if (!schema)
      return errors([
        { message: 'Subscriptions are unavailable until the gateway has loaded a schema; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } },
      ]);
    const checked = checkSubscription(schema, payload ?? {}, this.o.guard);
    if ('errors' in checked) return errors(checked.errors);
    const op: Operation = { iterator: null, stopped: false };
    this.ops.set(id, op);
    const result = await subscribe({
      schema,
      document: checked.document,
      variableValues: payload?.variables ?? undefined,
      operationName: payload?.operationName ?? undefined,
      contextValue: { ...this.context },
    });
    if (!(Symbol.asyncIterator in result)) {
      // e.g. CURSOR_EXPIRED or FORBIDDEN from the resolver: one result with the errors, then complete.
      if (!op.stopped) {
        this.send(MSG.DATA, id, result);
        this.send(MSG.COMPLETE, id);
      }
      this.ops.delete(id);
      return;
    }
    op.iterator = result[Symbol.asyncIterator]();
    if (op.stopped) return void op.iterator.return?.();
    // The stream runs on its own, so the next messages (another start, a stop) are handled meanwhile.
    void this.pump(id, op).catch((e: Error) => this.fail(e));
  }

  private async pump(id: string, op: Operation): Promise<void> {
    if (!op.iterator) return;
    for (;;) {
      const next = await op.iterator.next();
      if (next.done || op.stopped) break;
      this.send(MSG.DATA, id, next.value);
    }
    if (!op.stopped) this.send(MSG.COMPLETE, id);
    if (this.ops.get(id) === op) this.ops.delete(id);
  }

  private async stop(id: string): Promise<void> {
    const op = this.ops.get(id);
    if (!op) return;
    op.stopped = true;
    this.ops.delete(id);
    await op.iterator?.return?.();
  }

  private closed(): void {
    clearTimeout(this.initTimer);
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const id of [...this.ops.keys()]) void this.stop(id);
  }
}

/** Serves the legacy protocol on every socket this (noServer) WebSocketServer accepts. */
export function serveLegacyProtocol(wss: WebSocketServer, o: LegacyOptions): void {
  wss.on('connection', (socket) => new LegacyConnection(socket, o));
}
