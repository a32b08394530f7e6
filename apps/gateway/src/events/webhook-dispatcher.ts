import { SerialTask, type Logger } from '@khg/platform';
import { signature } from './webhook-signature';
import type { DeliverySession, PendingEvent, WebhookRow, WebhookStore } from './webhook-store';

export interface DispatcherOptions {
  retryBaseMs: number;
  maxFailures: number;
  timeoutMs: number;
  pollMs: number;
}

const DUE_PER_PASS = 50;
const EVENTS_PER_TURN = 20;
const MAX_RETRY_MS = 600_000;

/**
 * Delivers events to webhooks, at least once and strictly in cursor order per webhook: the next
 * event waits until the previous one is acknowledged. A failure is retried after
 * base × 2^(failures−1) (capped at 10 minutes); after `maxFailures` in a row the webhook is paused.
 * A per-webhook advisory lock keeps several gateway replicas from delivering the same webhook at once.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly passes = new SerialTask(
    () => this.pass(),
    (e) => this.log.warn({ err: e.message }, 'webhook pass failed'),
  );

  constructor(
    private readonly store: WebhookStore,
    private readonly o: DispatcherOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.o.pollMs);
  }

  /** Serves the due webhooks now, or right after the current pass. */
  kick(): void {
    this.passes.kick();
  }

  private async pass(): Promise<void> {
    const due = await this.store.due(DUE_PER_PASS);
    await Promise.all(due.map((id) => this.store.underLock(id, (s) => this.serve(s, id))));
  }

  private async serve(s: DeliverySession, id: string): Promise<void> {
    const w = await s.dueWebhook(id);
    if (!w) return;
    for (const e of await s.pendingEvents(w, EVENTS_PER_TURN)) {
      if (this.passes.stopped || !(await this.deliver(s, w, e))) break;
    }
  }

  private async deliver(s: DeliverySession, w: WebhookRow, e: PendingEvent): Promise<boolean> {
    const body = JSON.stringify({
      webhookId: w.id,
      cursor: e.cursor,
      type: e.type,
      occurredAt: e.occurred_at,
      subjectId: e.subject_id,
      areaId: e.area_id,
      payload: e.payload,
    });
    const ts = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'khuyen-hoc-graph-webhooks/1',
          'x-khg-signature': signature(w.secret, ts, body),
          'x-khg-webhook-id': w.id,
          'x-khg-event-cursor': e.cursor,
          'x-khg-event-type': e.type,
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
    await s.recordAttempt(w.id, e.cursor, status, error);
    if (error === null) {
      await s.markDelivered(w.id, e.cursor);
      w.delivered_through = e.cursor;
      return true;
    }
    const failures = w.consecutive_failures + 1;
    await s.markFailed(w.id, failures, failures < this.o.maxFailures, Math.min(this.o.retryBaseMs * 2 ** (failures - 1), MAX_RETRY_MS));
    if (failures >= this.o.maxFailures) this.log.warn({ webhook: w.id, failures }, 'webhook paused after repeated failures');
    return false;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.passes.stop();
  }
}
