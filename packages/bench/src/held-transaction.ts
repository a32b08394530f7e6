import { Client } from 'pg';
import { measureDelivery, type DeliveryResult } from './subscriptions';

export const HELD_MS = 30_000;

/**
 * Commit → delivery delay while an unrelated write transaction is held open for 30 s (a year-end
 * build, an import): the delivery measurement runs inside that window. The goal is a p99 under 1 s;
 * a relay that waits for the oldest open transaction (the snapshot relay) shows the whole window.
 */
export async function measureDeliveryWhileHeld(
  o: Parameters<typeof measureDelivery>[0] & { databaseUrl: string },
): Promise<DeliveryResult & { heldMs: number }> {
  const holder = new Client({ connectionString: o.databaseUrl, application_name: 'khg-bench-held-transaction' });
  await holder.connect();
  const began = Date.now();
  try {
    await holder.query('BEGIN');
    // a real write, so the transaction has an id every snapshot must wait for
    await holder.query(
      `INSERT INTO inspections.outbox_events (type, subject_id, actor) VALUES ('RECOMMENDATION_CHANGED', 'bench-held-open', '{"sub":"bench","role":"ADMIN"}')`,
    );
    const result = await measureDelivery(o);
    // the window is the fault, not a measurement: it ends after the measured mutations, at 30 s at the earliest
    const left = HELD_MS - (Date.now() - began);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    await holder.query('ROLLBACK');
    return { ...result, heldMs: Date.now() - began };
  } finally {
    await holder.end();
  }
}
