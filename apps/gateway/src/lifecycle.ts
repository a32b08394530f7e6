import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from './context';
import type { EventServices } from './events/services';
import type { EventRow } from './events/store';

interface Closable {
  close(): Promise<void>;
}

/**
 * Start and stop, in order. Start: the event tables, Apollo (loads the supergraph), the event services,
 * then subscriptions. Stop: new requests are refused (503 SHUTTING_DOWN, readiness fails); subscribers
 * are told to reconnect (1012); Apollo's drain closes the listener and waits for in-flight requests;
 * then the event services and their pool.
 */
export class Lifecycle {
  private stopping = false;
  private subscriptions: Closable | null = null;

  constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly events: EventServices | null,
  ) {}

  /** True from the moment stop() begins. */
  get draining(): boolean {
    return this.stopping;
  }

  async start(onEvents: (rows: EventRow[]) => void, serveSubscriptions: () => Closable | null): Promise<void> {
    await this.events?.migrate();
    await this.apollo.start();
    await this.events?.start(onEvents);
    this.subscriptions = serveSubscriptions();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscriptions?.close();
    await this.apollo.stop();
    await this.events?.stop();
  }
}
