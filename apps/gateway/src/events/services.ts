import { hostname } from 'node:os';
import type { Logger, MembershipDirectory } from '@khg/platform';
import type { GatewayConfig } from '../config';
import { EventBus } from './bus';
import { EventHub } from './hub';
import { LogWriter } from './log-writer';
import { LogicalRelay } from './logical-relay';
import { OutboxRelay } from './relay';
import { chooseRelayMode } from './relay-mode';
import { EventStore, type EventRow } from './store';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookStore } from './webhook-store';

const RETENTION_EVERY_MS = 3_600_000;

/**
 * The event log and what runs on it: the relay that fills it from the subgraphs' outboxes, the hub
 * that reads it for subscribers and the response cache, the webhook dispatcher and the retention.
 * None of it exists without DATABASE_URL.
 */
export class EventServices {
  readonly hub: EventHub;
  private relay: LogicalRelay | OutboxRelay | null = null;
  private bus: EventBus | null = null;
  private readonly dispatcher: WebhookDispatcher;
  private retention: NodeJS.Timeout | null = null;

  private constructor(
    readonly store: EventStore,
    private readonly databaseUrl: string,
    private readonly config: GatewayConfig,
    private readonly directory: MembershipDirectory,
    private readonly log: Logger,
  ) {
    this.hub = new EventHub(store, databaseUrl, log, config.EVENT_POLL_MS);
    this.dispatcher = new WebhookDispatcher(
      new WebhookStore(store.pool),
      {
        retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
        maxFailures: config.WEBHOOK_MAX_FAILURES,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        pollMs: Math.min(config.EVENT_POLL_MS, 500),
      },
      log,
    );
  }

  static create(config: GatewayConfig, directory: MembershipDirectory, log: Logger): EventServices | null {
    if (!config.DATABASE_URL) return null;
    return new EventServices(new EventStore(config.DATABASE_URL, log), config.DATABASE_URL, config, directory, log);
  }

  /** The events schema's tables, before anything (the webhooks subgraph included) reads them. */
  migrate(): Promise<void> {
    return this.store.migrate();
  }

  /** `onEvents` hears every new row of the log, after the webhook dispatcher. */
  async start(onEvents: (rows: EventRow[]) => void): Promise<void> {
    if (this.config.EVENT_BUS) {
      this.bus = await EventBus.connect(this.config.EVENT_BUS, this.log, {
        replicas: this.config.EVENT_BUS_REPLICAS,
        retentionDays: this.config.EVENT_RETENTION_DAYS,
      });
    }
    await this.hub.start(this.bus);
    this.relay = await this.createRelay(new LogWriter(this.store, this.directory, this.log, this.bus));
    await this.relay.start();
    this.dispatcher.start();
    this.hub.listen(() => this.dispatcher.kick());
    this.hub.listen(onEvents);
    this.retention = setInterval(() => {
      this.store.applyRetention(this.config.EVENT_RETENTION_DAYS).catch((e: Error) => this.log.warn({ err: e.message }, 'event retention failed'));
    }, RETENTION_EVERY_MS);
  }

  private async createRelay(writer: LogWriter): Promise<LogicalRelay | OutboxRelay> {
    const sources = this.config.manifest.map((m) => m.dbSchema);
    const holder = `${hostname()}:${process.pid}:${this.config.PORT}`;
    const { mode, why } = await chooseRelayMode(this.store.pool, this.config.EVENT_RELAY);
    if (why) this.log.warn(`events are relayed by polling every EVENT_POLL_MS, and a transaction held open delays them: ${why}`);
    if (mode === 'snapshot') return new OutboxRelay(this.store, writer, this.log, this.config.EVENT_POLL_MS, sources, holder);
    return new LogicalRelay(this.store, writer, this.databaseUrl, this.log, {
      pollMs: this.config.EVENT_POLL_MS,
      leaderTimeoutMs: this.config.EVENT_LEADER_TIMEOUT_MS,
      sources,
      holder,
    });
  }

  /** Deliveries, then the relay, then the hub; the pool last, once nothing uses it. */
  async stop(): Promise<void> {
    if (this.retention) clearInterval(this.retention);
    await this.dispatcher.stop();
    await this.relay?.stop();
    await this.hub.stop();
    await this.bus?.close();
    await this.store.close();
  }
}
