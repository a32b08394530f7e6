import { In, QueryFailedError, type DataSource } from 'typeorm';
import { EventType, checkEntryAmount, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, conflict, decodeCursor, newId, notFound, pageSize, requireId, type Caller, type Outbox } from '@khg/platform';
import { LedgerKind } from '../funds/fund.entity';
import type { FundService } from '../funds/fund.service';
import { post } from '../funds/ledger';
import { cleanText } from '../shared/validate';
import { Campaign } from '../campaigns/campaign.entity';
import { Donation, DonorKind } from './donation.entity';
import type { RecordDonationInput } from './donation.input';
import { writeDonation, type DonationContent } from './donation.write';

export const receiptNumber = (seq: number) => `PT-${String(seq).padStart(6, '0')}`;

function differences(prior: Donation, c: DonationContent): string[] {
  const keys: (keyof DonationContent)[] = ['fundId', 'campaignId', 'donorName', 'donorMemberId', 'donorKind', 'amount', 'receivedOn', 'method'];
  return keys.filter((k) => prior[k] !== c[k]);
}

function isUniqueViolation(e: unknown, constraint: string): boolean {
  const driver = e instanceof QueryFailedError ? (e.driverError as { code?: string; constraint?: string }) : null;
  return driver?.code === '23505' && driver.constraint === constraint;
}

export class DonationService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly funds: FundService,
  ) {}

  async byIds(ids: readonly string[]): Promise<Donation[]> {
    return this.ds.getRepository(Donation).findBy({ id: In([...ids]) });
  }

  /** Donations in the order they were recorded (ids are time-ordered), a page at a time. */
  async page(f: { fundId?: string | null; campaignId?: string | null; first?: number | null; after?: string | null }): Promise<Donation[]> {
    const first = pageSize(f.first);
    const qb = this.ds.getRepository(Donation).createQueryBuilder('d');
    if (f.fundId) qb.andWhere('d.fund_id = :fund', { fund: requireId('Fund', f.fundId, 'fundId') });
    if (f.campaignId) qb.andWhere('d.campaign_id = :campaign', { campaign: requireId('Campaign', f.campaignId, 'campaignId') });
    if (f.after) qb.andWhere('d.id > :after', { after: decodeCursor(f.after) });
    return first === 0 ? [] : qb.orderBy('d.id', 'ASC').limit(first).getMany();
  }

  private replay(prior: Donation, content: DonationContent): Donation {
    const diff = differences(prior, content);
    if (diff.length) {
      throw conflict(`idempotencyKey was already used for a different donation (differs in ${diff.join(', ')}); use a new key for a new donation`, {
        existingId: prior.id,
        differs: diff.join(','),
      });
    }
    return prior;
  }

  async record(caller: Caller, input: RecordDonationInput): Promise<Donation> {
    const amountProblem = checkEntryAmount(input.amount);
    if (amountProblem) throw badInput(amountProblem);
    if (input.receivedOn > todayInVietnam()) throw badInput(`receivedOn ${input.receivedOn} is in the future`);
    if (!isPlausibleYear(+input.receivedOn.slice(0, 4))) throw badInput(`receivedOn ${input.receivedOn} is outside 1990–2100`);
    if (input.campaignId) requireId('Campaign', input.campaignId, 'campaignId');
    if (input.donorMemberId) requireId('Member', input.donorMemberId, 'donorMemberId');
    const donorKind = input.donorKind ?? DonorKind.PERSON;
    if (donorKind === DonorKind.ORGANIZATION && input.donorMemberId) {
      throw badInput('donorKind ORGANIZATION cannot name a donorMemberId: a member gives as a person', { argument: 'donorKind' });
    }
    const donorName = cleanText(input.donorName, 'donorName', 1, 300, 'the donor’s name, or "Ẩn danh" for an anonymous gift');
    if (input.idempotencyKey.length < 8 || input.idempotencyKey.length > 200) {
      throw badInput('idempotencyKey must be 8 to 200 characters, the same on every retry (a UUID is a good choice)', { argument: 'idempotencyKey' });
    }
    const content: DonationContent = {
      fundId: input.fundId,
      campaignId: input.campaignId ?? null,
      donorName,
      donorMemberId: input.donorMemberId ?? null,
      donorKind,
      amount: input.amount,
      receivedOn: input.receivedOn,
      method: input.method,
    };
    const { fund, org } = await this.funds.writableOwner(caller, input.fundId, 'fundId', 'Recording a donation');
    if (content.campaignId) {
      // A campaign's fund and year never change, so this check needs no lock.
      const campaign = await this.ds.getRepository(Campaign).findOneBy({ id: content.campaignId });
      if (!campaign) throw notFound('Campaign', content.campaignId);
      if (campaign.fundId !== fund.id) throw badInput(`Campaign "${campaign.name}" belongs to another fund, not ${fund.name}`);
      if (campaign.year !== +content.receivedOn.slice(0, 4)) {
        throw badInput(`Campaign "${campaign.name}" runs in ${campaign.year}; receivedOn ${content.receivedOn} is outside it`);
      }
    }
    try {
      const outcome = await this.ds.transaction(async (em) => {
        if (org.closedOn) {
          // A donation recorded before the dissolution still replays.
          const prior = await em.findOneBy(Donation, { idempotencyKey: input.idempotencyKey });
          if (prior) return { priorId: prior.id };
          throw conflict(`${org.name} was dissolved on ${org.closedOn}; record the donation in the fund of its successor, not in ${fund.name}`, {
            closedOn: org.closedOn,
          });
        }
        const written = await writeDonation(em, newId('Donation'), content, input.idempotencyKey);
        if ('donation' in written) {
          const { donation } = written;
          await this.outbox.append(em, caller, {
            type: EventType.DONATION_RECORDED,
            subjectId: donation.id,
            areaId: org.areaId,
            payload: { fundId: fund.id, amount: Number(content.amount), receiptNumber: donation.receiptNumber },
          });
        }
        return written;
      });
      if ('donation' in outcome) return outcome.donation;
      return this.replay(await this.ds.getRepository(Donation).findOneByOrFail({ id: outcome.priorId }), content);
    } catch (e) {
      // The same key sent at the same moment (to this fund or another): the loser answers like a retry.
      if (isUniqueViolation(e, 'donations_idempotency_key')) {
        const prior = await this.ds.getRepository(Donation).findOneBy({ idempotencyKey: input.idempotencyKey });
        if (prior) return this.replay(prior, content);
      }
      throw e;
    }
  }

  async void(caller: Caller, id: string, reason: string): Promise<Donation> {
    requireId('Donation', id, 'id');
    const why = cleanText(reason, 'reason', 3, 1000, 'why the donation is void: "entered twice, see PT-000012"');
    const found = await this.ds.getRepository(Donation).findOneBy({ id });
    if (!found) throw notFound('Donation', id);
    const { fund, org } = await this.funds.writable(caller, found.fundId, 'id', 'Voiding a donation');
    return this.ds.transaction(async (em) => {
      const locked = await this.funds.lock(em, fund.id);
      const donation = await em.findOneOrFail(Donation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (donation.voided)
        throw conflict(`Donation ${donation.receiptNumber} was already voided: ${donation.voidReason}`, { voidedAt: donation.voidedAt?.toISOString() ?? null });
      if (locked.balance < donation.amount) {
        throw conflict(
          `Voiding ${donation.receiptNumber} would take ${fund.name} below zero: its balance is ${locked.balance} dong and the donation ${donation.amount}; awards were already paid from it`,
          { balance: Number(locked.balance) },
        );
      }
      await post(em, locked, { kind: LedgerKind.VOID, amount: -donation.amount, entryOn: donation.receivedOn, donationId: donation.id });
      await em.update(Donation, { id }, { voided: true, voidReason: why, voidedAt: () => 'now()' });
      await this.outbox.append(em, caller, {
        type: EventType.DONATION_VOIDED,
        subjectId: donation.id,
        areaId: org.areaId,
        payload: { fundId: fund.id, amount: Number(donation.amount), receiptNumber: donation.receiptNumber },
      });
      return em.findOneByOrFail(Donation, { id });
    });
  }
}
