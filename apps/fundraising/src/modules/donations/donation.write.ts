import type { EntityManager } from 'typeorm';
import { notFound } from '@khg/platform';
import { Donation, type DonorKind } from './donation.entity';

/**
 * A donation's whole write in one statement under the fund's row lock: the fund's balance and
 * receipt counter move (the UPDATE takes the lock), the donation gets the next receipt number, the
 * ledger gets its entry (whose trigger keeps fund_year_totals). Nothing is written when the
 * idempotency key was used already; the key's unique constraint catches a retry racing its
 * original. The receipt number is `PT-` and the sequence, at least six digits (receiptNumber()).
 */
const RECORD_SQL = `
WITH prior AS (SELECT id FROM donations WHERE idempotency_key = $9),
f AS (
  UPDATE funds SET balance = balance + $6::bigint, receipts_issued = receipts_issued + 1
  WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM prior)
  RETURNING receipts_issued
), d AS (
  INSERT INTO donations (id, fund_id, campaign_id, donor_name, donor_member_id, donor_kind, amount, received_on, method,
    receipt_seq, receipt_number, idempotency_key, voided)
  SELECT $1, $2, $3, $4, $5, $10, $6::bigint, $7::date, $8, f.receipts_issued,
    'PT-' || lpad(f.receipts_issued::text, greatest(6, length(f.receipts_issued::text)), '0'), $9, false
  FROM f
  RETURNING id, receipt_seq, receipt_number, created_at, fund_id, amount, received_on
), l AS (
  INSERT INTO ledger_entries (fund_id, kind, amount, entry_on, donation_id)
  SELECT fund_id, 'DONATION', amount, received_on, id FROM d
)
SELECT d.receipt_seq, d.receipt_number, d.created_at, (SELECT id FROM prior) AS prior_id
FROM (SELECT 1) one LEFT JOIN d ON true`;

export interface DonationContent {
  fundId: string;
  campaignId: string | null;
  donorName: string;
  donorMemberId: string | null;
  donorKind: DonorKind;
  amount: bigint;
  receivedOn: string;
  method: Donation['method'];
}

export type WriteOutcome = { donation: Donation } | { priorId: string };

/** Writes the donation, or reports the donation its idempotency key already names. Inside the transaction that appends its event. */
export async function writeDonation(em: EntityManager, id: string, c: DonationContent, idempotencyKey: string): Promise<WriteOutcome> {
  const [row]: { receipt_seq: number | null; receipt_number: string | null; created_at: Date | null; prior_id: string | null }[] = await em.query(RECORD_SQL, [
    id,
    c.fundId,
    c.campaignId,
    c.donorName,
    c.donorMemberId,
    c.amount.toString(),
    c.receivedOn,
    c.method,
    idempotencyKey,
    c.donorKind,
  ]);
  if (row.prior_id) return { priorId: row.prior_id };
  // funds are never deleted, and the fund was found before the transaction
  if (row.receipt_seq === null || row.receipt_number === null || row.created_at === null) throw notFound('Fund', c.fundId);
  const donation = Object.assign(new Donation(), {
    id,
    ...c,
    receiptSeq: row.receipt_seq,
    receiptNumber: row.receipt_number,
    idempotencyKey,
    voided: false,
    voidReason: null,
    voidedAt: null,
    createdAt: row.created_at,
  });
  return { donation };
}
