import type { EntityManager } from 'typeorm';
import { Fund, LedgerEntry, LedgerKind } from './fund.entity';

/**
 * Appends one movement to a fund's ledger and moves its balance with it. Call only inside the
 * transaction that holds the fund's row lock (FundService.lock): the entry and the balance commit
 * together, so the balance always equals the sum of the ledger.
 */
export async function post(
  em: EntityManager,
  fund: Fund,
  entry: { kind: LedgerKind; amount: bigint; entryOn: string; donationId?: string; awardId?: string; transferId?: string },
  extra: { receiptsIssued?: number } = {},
): Promise<void> {
  await em.insert(LedgerEntry, {
    fundId: fund.id,
    kind: entry.kind,
    amount: entry.amount,
    entryOn: entry.entryOn,
    donationId: entry.donationId ?? null,
    awardId: entry.awardId ?? null,
    transferId: entry.transferId ?? null,
  });
  fund.balance += entry.amount;
  await em.update(Fund, { id: fund.id }, { balance: fund.balance, ...(extra.receiptsIssued ? { receiptsIssued: extra.receiptsIssued } : {}) });
}
