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
const EVENTS_PER_TURN = 200;
const MAX_RETRY_MS = 600_000;
/** the most events one POST carries, whatever a receiver accepts */
export const MAX_BATCH = 100;

/**
 * Delivers events to webhooks, at least once and strictly in cursor order per webhook: the next
 * POST waits until the previous one is acknowledged. A receiver that answers with
 * `X-KHG-Accept-Batch: n` gets, when it has fallen behind, up to n events (at most 100) in one POST
 * (`{ webhookId, events: [...] }`, header `X-KHG-Batch`), still in order; without it, one event per
 * POST as always. A failure is retried after
 * base × 2^(failures−1) (capped at 10 minutes); after `maxFailures` in a row the webhook is paused.
 * A per-webhook advisory lock keeps several gateway replicas from delivering the same webhook at once.
 * Events that retention removed before they were delivered are not skipped silently: the next POST
 * carries `gap` (and `X-KHG-Gap`) with the lost cursor range, and delivery goes on from the oldest
 * event kept.
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
    const pending = await s.pendingEvents(w, EVENTS_PER_TURN);
    for (let i = 0; i < pending.length && !this.passes.stopped;) {
      const chunk = pending.slice(i, i + Math.max(1, Math.min(w.batch_max, MAX_BATCH)));
      if (!(await this.deliver(s, w, chunk))) break;
      i += chunk.length;
    }
  }

  private async deliver(s: DeliverySession, w: WebhookRow, events: PendingEvent[]): Promise<boolean> {
    const one = (e: PendingEvent) => ({
      cursor: e.cursor,
      type: e.type,
      occurredAt: e.occurred_at,
      subjectId: e.subject_id,
      areaId: e.area_id,
      payload: e.payload,
    });
    const batch = events.length > 1;
    const last = events[events.length - 1];
    // events retention removed before they reached this webhook: said once, with the next delivery
    const gap = w.lost_through === null ? null : { afterCursor: w.lost_after ?? '0', throughCursor: w.lost_through, events: w.lost_count };
    const body = JSON.stringify(
      batch ? { webhookId: w.id, ...(gap && { gap }), events: events.map(one) } : { webhookId: w.id, ...(gap && { gap }), ...one(last) },
    );
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
          // a batch: its last cursor, and how many events it carries
          'x-khg-event-cursor': last.cursor,
          ...(gap && { 'x-khg-gap': `after=${gap.afterCursor},through=${gap.throughCursor},events=${gap.events}` }),
          ...(batch ? { 'x-khg-batch': String(events.length) } : { 'x-khg-event-type': last.type }),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
      const accepts = Number(res.headers.get('x-khg-accept-batch'));
      if (res.ok && Number.isInteger(accepts) && accepts >= 1 && Math.min(accepts, MAX_BATCH) !== w.batch_max) {
        w.batch_max = Math.min(accepts, MAX_BATCH);
        await s.setBatchMax(w.id, w.batch_max);
      }
    } catch (err) {
      error = (err as Error).message;
    }
    await s.recordAttempts(
      w.id,
      events.map((e) => e.cursor),
      status,
      error,
    );
    if (error === null) {
      await s.markDelivered(w.id, last.cursor);
      w.delivered_through = last.cursor;
      if (gap) {
        await s.clearGap(w.id, gap.throughCursor);
        w.lost_after = w.lost_through = null;
        w.lost_count = 0;
      }
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
