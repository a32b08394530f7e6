import { In, type DataSource } from 'typeorm';
import { EventType, checkEntryAmount, collapseWhitespace, isPlausibleYear, todayInVietnam, typeOfId } from '@khg/domain';
import {
  checkBulkSize,
  chunksOf,
  commonArea,
  conflict,
  newId,
  rowsRefused,
  type Caller,
  type ImportWrites,
  type OrganizationInfo,
  type Outbox,
  type RowError,
} from '@khg/platform';
import { Campaign } from '../campaigns/campaign.entity';
import { Donation, DonorKind } from '../donations/donation.entity';
import type { RecordDonationInput } from '../donations/donation.input';
import { receiptNumber } from '../donations/donation.service';
import { Fund } from '../funds/fund.entity';
import type { FundService } from '../funds/fund.service';

const CHUNK = 5_000;
const CONTENT = ['fundId', 'campaignId', 'donorName', 'donorMemberId', 'donorKind', 'amount', 'receivedOn', 'method'] as const;

/**
 * recordDonations: a collection sheet at once, all or nothing, each row idempotent on its key like
 * recordDonation (a row whose key was recorded with the same content answers that donation and
 * records nothing; different content under a used key is a bad row). Receipt numbers follow each
 * fund's sequence in the order of the list; the ledger and the balance move in the same transaction.
 */
export class BulkDonationService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly funds: FundService,
    private readonly imports: ImportWrites,
  ) {}

  async recordDonations(caller: Caller, inputs: readonly RecordDonationInput[], importId: string | null = null): Promise<Donation[]> {
    checkBulkSize(inputs.length, 'inputs');
    const earlier = importId && (await this.imports.written(importId, 'recordDonations'));
    if (earlier) return this.inOrder(earlier);
    const errors: RowError[] = [];
    const today = todayInVietnam();
    const keys = new Map<string, number>();
    const rows = inputs.map((r, index) => {
      const amountProblem = checkEntryAmount(r.amount);
      if (amountProblem) errors.push({ index, field: 'amount', message: amountProblem });
      if (r.receivedOn > today) errors.push({ index, field: 'receivedOn', message: `receivedOn ${r.receivedOn} is in the future` });
      else if (!isPlausibleYear(+r.receivedOn.slice(0, 4)))
        errors.push({ index, field: 'receivedOn', message: `receivedOn ${r.receivedOn} is outside 1990–2100` });
      if (typeOfId(r.fundId) !== 'Fund') errors.push({ index, field: 'fundId', message: `"${r.fundId}" is not a Fund id` });
      if (r.campaignId && typeOfId(r.campaignId) !== 'Campaign') errors.push({ index, field: 'campaignId', message: `"${r.campaignId}" is not a Campaign id` });
      if (r.donorMemberId && typeOfId(r.donorMemberId) !== 'Member')
        errors.push({ index, field: 'donorMemberId', message: `"${r.donorMemberId}" is not a Member id` });
      const donorKind = r.donorKind ?? DonorKind.PERSON;
      if (donorKind === DonorKind.ORGANIZATION && r.donorMemberId)
        errors.push({ index, field: 'donorKind', message: 'an ORGANIZATION donor cannot name a donorMemberId' });
      const donorName = collapseWhitespace(r.donorName ?? '');
      if (donorName.length < 1 || donorName.length > 300)
        errors.push({ index, field: 'donorName', message: 'donorName must be 1 to 300 characters (or "Ẩn danh")' });
      if (r.idempotencyKey.length < 8 || r.idempotencyKey.length > 200)
        errors.push({ index, field: 'idempotencyKey', message: 'idempotencyKey must be 8 to 200 characters' });
      else if (keys.has(r.idempotencyKey)) errors.push({ index, field: 'idempotencyKey', message: `the same key as row ${keys.get(r.idempotencyKey)}` });
      else keys.set(r.idempotencyKey, index);
      return {
        fundId: r.fundId,
        campaignId: r.campaignId ?? null,
        donorName,
        donorMemberId: r.donorMemberId ?? null,
        donorKind,
        amount: r.amount,
        receivedOn: r.receivedOn,
        method: r.method,
        idempotencyKey: r.idempotencyKey,
      };
    });
    if (errors.length) throw rowsRefused(errors, inputs.length, 'recorded');
    // Asked before the transaction, so no fund stays locked while membership answers.
    const orgs = new Map<string, OrganizationInfo>();
    for (const fundId of [...new Set(rows.map((r) => r.fundId))].sort()) {
      const { org } = await this.funds.writable(caller, fundId, 'fundId', 'Recording donations');
      orgs.set(fundId, org);
    }
    return this.ds.transaction(async (em) => {
      const funds = new Map<string, Fund>();
      for (const fundId of [...orgs.keys()]) funds.set(fundId, await this.funds.lock(em, fundId));
      const priors = new Map(
        (
          await em
            .createQueryBuilder(Donation, 'd')
            .where('d.idempotency_key = ANY(:keys)', { keys: [...keys.keys()] })
            .getMany()
        ).map((d) => [d.idempotencyKey, d]),
      );
      const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((c): c is string => !!c))];
      const campaigns = new Map((await em.findBy(Campaign, { id: In(campaignIds) })).map((c) => [c.id, c]));
      const fresh: Donation[] = [];
      const result = rows.map((r, index) => {
        const prior = priors.get(r.idempotencyKey);
        if (prior) {
          const diff = CONTENT.filter((k) => prior[k] !== r[k]);
          if (diff.length) errors.push({ index, field: 'idempotencyKey', message: `already used for a different donation (differs in ${diff.join(', ')})` });
          return prior;
        }
        const fund = funds.get(r.fundId)!;
        const org = orgs.get(r.fundId)!;
        if (org.closedOn) errors.push({ index, field: 'fundId', message: `${org.name} was dissolved on ${org.closedOn}; record in its successor’s fund` });
        if (r.campaignId) {
          const c = campaigns.get(r.campaignId);
          if (!c) errors.push({ index, field: 'campaignId', message: `no campaign ${r.campaignId}` });
          else if (c.fundId !== r.fundId)
            errors.push({ index, field: 'campaignId', message: `campaign "${c.name}" belongs to another fund, not ${fund.name}` });
          else if (c.year !== +r.receivedOn.slice(0, 4))
            errors.push({ index, field: 'receivedOn', message: `campaign "${c.name}" runs in ${c.year}; ${r.receivedOn} is outside it` });
        }
        fund.receiptsIssued += 1;
        fund.balance += r.amount;
        const seq = fund.receiptsIssued;
        const d = Object.assign(new Donation(), {
          id: newId('Donation'),
          ...r,
          receiptSeq: seq,
          receiptNumber: receiptNumber(seq),
          voided: false,
          voidReason: null,
          voidedAt: null,
        });
        fresh.push(d);
        return d;
      });
      if (errors.length) throw rowsRefused(errors, inputs.length, 'recorded');
      // Claimed before the rows: a concurrent write of the same import waits here, then finds it written.
      if (
        importId &&
        (await this.imports.claim(
          em,
          importId,
          'recordDonations',
          result.map((d) => d.id),
        ))
      )
        throw conflict(`import ${importId} was written meanwhile by another request; nothing more was recorded`);
      let done = 0;
      for (const chunk of chunksOf(fresh, CHUNK)) {
        await em.query(
          `INSERT INTO donations (id, fund_id, campaign_id, donor_name, donor_member_id, donor_kind, amount, received_on, method, receipt_seq, receipt_number, idempotency_key)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::date[], $9::text[], $10::int[], $11::text[], $12::text[])`,
          [
            chunk.map((d) => d.id),
            chunk.map((d) => d.fundId),
            chunk.map((d) => d.campaignId),
            chunk.map((d) => d.donorName),
            chunk.map((d) => d.donorMemberId),
            chunk.map((d) => d.donorKind),
            chunk.map((d) => d.amount.toString()),
            chunk.map((d) => d.receivedOn),
            chunk.map((d) => d.method),
            chunk.map((d) => d.receiptSeq),
            chunk.map((d) => d.receiptNumber),
            chunk.map((d) => d.idempotencyKey),
          ],
        );
        await em.query(
          `INSERT INTO ledger_entries (fund_id, kind, amount, entry_on, donation_id)
           SELECT x.fund_id, 'DONATION', x.amount, x.entry_on, x.id FROM unnest($1::text[], $2::bigint[], $3::date[], $4::text[]) AS x(fund_id, amount, entry_on, id)`,
          [chunk.map((d) => d.fundId), chunk.map((d) => d.amount.toString()), chunk.map((d) => d.receivedOn), chunk.map((d) => d.id)],
        );
        await this.outbox.append(
          em,
          caller,
          ...chunk.map((d) => ({
            type: EventType.DONATION_RECORDED,
            subjectId: d.id,
            areaId: orgs.get(d.fundId)!.areaId,
            payload: { fundId: d.fundId, amount: Number(d.amount), receiptNumber: d.receiptNumber },
          })),
        );
        done += chunk.length;
        if (importId) await this.imports.progress(importId, done, fresh.length);
      }
      if (importId) await this.imports.finished(em, caller, importId, 'recordDonations', result.length, commonArea([...orgs.values()].map((o) => o.areaId)));
      for (const fund of funds.values()) await em.update(Fund, { id: fund.id }, { balance: fund.balance, receiptsIssued: fund.receiptsIssued });
      // read back, so the answer carries what the database set (created_at)
      const stored = new Map(
        (
          await em
            .createQueryBuilder(Donation, 'd')
            .where('d.id = ANY(:ids)', { ids: fresh.map((d) => d.id) })
            .getMany()
        ).map((d) => [d.id, d]),
      );
      return result.map((d) => stored.get(d.id) ?? d);
    });
  }

  /** Donations by id in the order of `ids` (an import's earlier write, answered again). */
  private async inOrder(ids: readonly string[]): Promise<Donation[]> {
    const found = new Map((await this.ds.createQueryBuilder(Donation, 'd').where('d.id = ANY(:ids)', { ids }).getMany()).map((d) => [d.id, d]));
    return ids.map((id) => found.get(id)!);
  }
}
