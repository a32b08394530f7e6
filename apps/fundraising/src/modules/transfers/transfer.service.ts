import type { DataSource } from 'typeorm';
import { EventType, isCivilDate, todayInVietnam } from '@khg/domain';
import { badInput, conflict, newId, type Caller, type Outbox } from '@khg/platform';
import { LedgerKind } from '../funds/fund.entity';
import type { FundService } from '../funds/fund.service';
import { post } from '../funds/ledger';

export interface FundTransferResult {
  id: string;
  fromFundId: string;
  toFundId: string;
  amount: bigint;
  on: string;
  reason: string;
}

/**
 * Moves money from one fund to another (a dissolved association's fund to its successor's) as a
 * TRANSFER_OUT / TRANSFER_IN pair: the old entries are never touched, both ledgers stay equal to
 * their balances, and both rows are locked in id order so two opposite transfers cannot deadlock.
 */
export class TransferService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly funds: FundService,
  ) {}

  async transfer(caller: Caller, fromFundId: string, toFundId: string, on: string, reason: string, amount: bigint | null): Promise<FundTransferResult> {
    if (fromFundId === toFundId) throw badInput('fromFundId and toFundId are the same fund');
    if (!isCivilDate(on)) throw badInput(`on (${on}) is not a date`);
    if (on > todayInVietnam()) throw badInput(`on (${on}) is in the future: record a transfer when the money moves`);
    const why = reason?.trim() ?? '';
    if (why.length < 3 || why.length > 500) throw badInput('reason must be 3 to 500 characters (e.g. "Hội Khuyến học huyện Văn Lâm giải thể, 01/07/2025")');
    if (amount !== null && amount <= 0n) throw badInput('amount must be a positive number of đồng');
    // Authorisation asks membership; done before the transaction so no lock waits on HTTP.
    await this.funds.writable(caller, fromFundId, 'fromFundId', 'Transferring money out of a fund');
    await this.funds.writable(caller, toFundId, 'toFundId', 'Transferring money into a fund');
    return this.ds.transaction(async (em) => {
      const [first, second] = [fromFundId, toFundId].sort();
      const a = await this.funds.lock(em, first);
      const b = await this.funds.lock(em, second);
      const from = a.id === fromFundId ? a : b;
      const to = a.id === fromFundId ? b : a;
      const moving = amount ?? from.balance;
      if (moving <= 0n) throw conflict(`${from.name} holds nothing to transfer (balance ${from.balance} đồng)`, { balance: Number(from.balance) });
      if (moving > from.balance) throw conflict(`${from.name} holds ${from.balance} đồng, less than ${moving}`, { balance: Number(from.balance) });
      const id = newId('FundTransfer');
      await em.query(`INSERT INTO fund_transfers (id, from_fund_id, to_fund_id, amount, transferred_on, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        from.id,
        to.id,
        moving.toString(),
        on,
        why,
      ]);
      await post(em, from, { kind: LedgerKind.TRANSFER_OUT, amount: -moving, entryOn: on, transferId: id });
      await post(em, to, { kind: LedgerKind.TRANSFER_IN, amount: moving, entryOn: on, transferId: id });
      await this.outbox.append(em, caller, {
        type: EventType.FUND_TRANSFERRED,
        subjectId: id,
        areaId: from.areaId,
        payload: { fromFundId: from.id, toFundId: to.id, amount: Number(moving), on },
      });
      return { id, fromFundId: from.id, toFundId: to.id, amount: moving, on, reason: why };
    });
  }
}
