import { Client as PgClient } from 'pg';
import type { Logger } from '@khg/platform';

/**
 * A LISTEN connection that comes back by itself when PostgreSQL restarts: on error or end it
 * reconnects with backoff, and calls `onNotify` once reconnected, because notifications sent while
 * it was away are lost (the reader then catches up from its own position).
 */
export class PgListener {
  private client: PgClient | null = null;
  private stopped = false;
  private retryMs = 100;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly applicationName: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly log: Logger,
  ) {}

  /** Connects once; a failure here is the caller's to report (start-up needs the database). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new PgClient({ connectionString: this.url, application_name: this.applicationName });
    let lost = false;
    const onLost = (why: string) => {
      if (lost || this.stopped) return;
      lost = true;
      this.log.warn({ channel: this.channel, why }, 'LISTEN connection lost; reconnecting (polling continues)');
      client.end().catch(() => undefined);
      this.schedule();
    };
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('ended'));
    client.on('notification', () => this.onNotify());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (e) {
      lost = true;
      client.end().catch(() => undefined);
      throw e;
    }
    this.client = client;
    this.retryMs = 100;
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        () => {
          this.log.info({ channel: this.channel }, 'LISTEN connection restored');
          this.onNotify();
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 5000);
          this.schedule();
        },
      );
    }, this.retryMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }
}
