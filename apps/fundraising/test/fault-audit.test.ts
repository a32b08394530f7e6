import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type AuditQuery, type ReceivedEvent, auditFund, createTree, faultTableFailures, subscribe, testState } from '@khg/testing';
import { donate, openFund } from './helpers';

// The check of `npm run bench:faults` (scripts/faults.mjs) on the real database: it passes on what
// the platform wrote, and fails on each loss or double fabricated behind the platform's back. Each
// fabrication happens in a transaction the audit reads through, then rolled back, so other tests
// never see it.

interface DonationEvent {
  events: ReceivedEvent;
}

describe('the fault table’s audit', () => {
  let db: Client;
  let fundId: string;
  let keys: string[];
  let received: ReceivedEvent[];

  beforeAll(async () => {
    db = new Client({ connectionString: testState().databaseUrl });
    await db.connect();
    const t = await createTree(1, 1);
    fundId = (await openFund(t.communeOrgs[0].id)).id;
    const sub = await subscribe<DonationEvent>('subscription { events(types: [DONATION_RECORDED]) { cursor subjectId } }');
    keys = [randomUUID(), randomUUID(), randomUUID()];
    const ids: string[] = [];
    for (const k of keys) ids.push((await donate(fundId, 100_000, { idempotencyKey: k })).id);
    // Wait for this fund's three events (the subscription may also carry other tests' donations).
    await sub.waitUntil(() => sub.received.filter((e) => ids.includes(e.events.subjectId)).length === 3);
    received = sub.received.map((e) => e.events).filter((e) => ids.includes(e.subjectId));
    await sub.close();
  });
  afterAll(() => db?.end());

  const query: AuditQuery = async (text, params) => (await db.query(text, params)).rows as Record<string, unknown>[];

  /** Audits the fund with `damage` applied inside a transaction that is rolled back afterwards. */
  async function auditAfter(damage: string | null, opts: { keys?: string[]; received?: ReceivedEvent[] } = {}) {
    await db.query('BEGIN');
    try {
      if (damage) await db.query(damage, [fundId]);
      return await auditFund({ query, fundId, keys: opts.keys ?? keys, received: () => opts.received ?? received, catchUpMs: 0 });
    } finally {
      await db.query('ROLLBACK');
    }
  }

  it('passes on what the platform wrote', async () => {
    const a = await auditAfter(null);
    expect(a).toEqual({ problems: [], lostOrDoubled: 0, ledgerOk: true, receiptsOk: true, recorded: 3 });
    expect(received).toHaveLength(3);
    expect(faultTableFailures([{ scenario: 'clean', problems: a.problems }])).toEqual([]);
  });

  it('fails on an event-log row lost behind the platform’s back', async () => {
    const a = await auditAfter(
      `DELETE FROM events.log WHERE cursor = (SELECT max(l.cursor) FROM events.log l JOIN fundraising.donations d ON d.id = l.subject_id
        WHERE d.fund_id = $1 AND l.type = 'DONATION_RECORDED')`,
    );
    // The subscriber holds a cursor the log no longer has: counted too.
    expect(a.problems).toEqual(['event log: 1 outbox rows missing, 0 doubled', 'subscriber: 0 events missed, 1 repeated']);
    expect(a.lostOrDoubled).toBe(2);
    expect(faultTableFailures([{ scenario: 'PostgreSQL restarted', problems: a.problems }])).toEqual([
      'FAILED PostgreSQL restarted: event log: 1 outbox rows missing, 0 doubled; subscriber: 0 events missed, 1 repeated',
    ]);
  });

  it('fails on a donation doubled under a key no writer sent', async () => {
    const a = await auditAfter(
      `INSERT INTO fundraising.donations SELECT (jsonb_populate_record(NULL::fundraising.donations, to_jsonb(d)
         || jsonb_build_object('id', gen_random_uuid(), 'idempotency_key', 'injected', 'receipt_seq', 4, 'receipt_number', d.receipt_number || '-copy'))).*
       FROM fundraising.donations d WHERE d.fund_id = $1 AND d.receipt_seq = 1`,
    );
    expect(a.problems).toEqual(['1 donations recorded twice or never sent', 'receipt numbers not 1..4 (issued 3)', 'outbox: 1 events missing, 0 doubled']);
    expect(a.recorded).toBe(4);
    expect(a.receiptsOk).toBe(false);
  });

  it('fails on a balance that differs from its ledger', async () => {
    const a = await auditAfter('UPDATE fundraising.funds SET balance = balance + 1 WHERE id = $1');
    expect(a.problems).toEqual(['ledger 300000 ≠ balance 300001']);
    expect(a.ledgerOk).toBe(false);
    // Nothing lost or doubled, yet the scenario fails: an invariant broke.
    expect(a.lostOrDoubled).toBe(0);
    expect(faultTableFailures([{ scenario: 's', problems: a.problems }])).toHaveLength(1);
  });

  it('fails on a key that was sent and never recorded, and on a gap in receipt numbers', async () => {
    const lost = await auditAfter(null, { keys: [...keys, 'sent-but-never-recorded'] });
    expect(lost.problems).toEqual(['1 keys not recorded']);
    const gap = await auditAfter('UPDATE fundraising.donations SET receipt_seq = 5 WHERE fund_id = $1 AND receipt_seq = 3');
    expect(gap.problems).toEqual(['receipt numbers not 1..3 (issued 3)']);
  });

  it('fails on a subscriber that missed an event or received one twice, by cursor', async () => {
    const missed = await auditAfter(null, { received: received.slice(1) });
    expect(missed.problems).toEqual(['subscriber: 1 events missed, 0 repeated']);
    // A repeat and a miss together keep the count at 3: compared by cursor, they do not cancel out.
    const swapped = await auditAfter(null, { received: [received[0], received[0], received[2]] });
    expect(swapped.problems).toEqual(['subscriber: 1 events missed, 1 repeated']);
    expect(swapped.lostOrDoubled).toBe(2);
  });
});
