import { In, type DataSource } from 'typeorm';
import { EventType, checkEntryAmount, isPlausibleYear } from '@khg/domain';
import { badInput, conflict, newId, type Caller, type Outbox } from '@khg/platform';
import type { FundService } from '../funds/fund.service';
import { cleanText } from '../shared/validate';
import { Campaign } from './campaign.entity';
import type { LaunchCampaignInput } from './campaign.input';

/** Per-capita targets above this are typing mistakes (the 2018 target was 50,000). */
const MAX_PER_CAPITA_TARGET = 100_000_000n;

export class CampaignService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly funds: FundService,
  ) {}

  async byIds(ids: readonly string[]): Promise<Campaign[]> {
    return this.ds.getRepository(Campaign).findBy({ id: In([...ids]) });
  }

  async ofFunds(fundIds: readonly string[]): Promise<Campaign[]> {
    return this.ds.getRepository(Campaign).find({ where: { fundId: In([...fundIds]) }, order: { year: 'DESC', name: 'ASC' } });
  }

  async list(f: { year?: number | null; fundId?: string | null }): Promise<Campaign[]> {
    const qb = this.ds.getRepository(Campaign).createQueryBuilder('c');
    if (f.year != null) qb.andWhere('c.year = :year', { year: f.year });
    if (f.fundId) qb.andWhere('c.fund_id = :fund', { fund: f.fundId });
    return qb.orderBy('c.year', 'DESC').addOrderBy('c.name').addOrderBy('c.id').limit(5000).getMany();
  }

  /** Non-voided donations per campaign, one statement for any number of campaigns. */
  async raised(campaignIds: readonly string[]): Promise<{ campaignId: string; raised: bigint }[]> {
    const rows: { campaign_id: string; raised: string }[] = await this.ds.query(
      `SELECT campaign_id, sum(amount)::text AS raised FROM donations
       WHERE campaign_id = ANY($1::text[]) AND NOT voided GROUP BY campaign_id`,
      [[...campaignIds]],
    );
    return rows.map((r) => ({ campaignId: r.campaign_id, raised: BigInt(r.raised) }));
  }

  async launch(caller: Caller, input: LaunchCampaignInput): Promise<Campaign> {
    if (!isPlausibleYear(input.year)) throw badInput(`year ${input.year} is outside 1990–2100`);
    if (input.perCapitaTarget != null) {
      const problem = checkEntryAmount(input.perCapitaTarget, 'perCapitaTarget');
      if (problem) throw badInput(problem);
      if (input.perCapitaTarget > MAX_PER_CAPITA_TARGET)
        throw badInput(`perCapitaTarget ${input.perCapitaTarget} dong per person is implausible (at most ${MAX_PER_CAPITA_TARGET})`);
    }
    const name = cleanText(input.name, 'name', 2, 200, '"Vận động Quỹ Khuyến học năm 2018"');
    const { fund, org } = await this.funds.writable(caller, input.fundId, 'fundId', 'Launching a campaign');
    return this.ds.transaction(async (em) => {
      const same = await em
        .getRepository(Campaign)
        .createQueryBuilder('c')
        .where('c.fund_id = :fund AND c.year = :year AND lower(c.name) = lower(:name)', { fund: fund.id, year: input.year, name })
        .getOne();
      if (same) throw conflict(`${fund.name} already runs the campaign "${same.name}" in ${input.year}`, { existingId: same.id });
      const campaign = em.create(Campaign, {
        id: newId('Campaign'),
        fundId: fund.id,
        name,
        year: input.year,
        perCapitaTarget: input.perCapitaTarget ?? null,
      });
      await em.insert(Campaign, campaign);
      await this.outbox.append(em, caller, {
        type: EventType.CAMPAIGN_LAUNCHED,
        subjectId: campaign.id,
        areaId: org.areaId,
        payload: { fundId: fund.id, year: input.year, perCapitaTarget: input.perCapitaTarget == null ? null : Number(input.perCapitaTarget) },
      });
      return em.findOneByOrFail(Campaign, { id: campaign.id });
    });
  }
}
