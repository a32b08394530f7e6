import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isPlausibleYear } from '@khg/domain';
import { VndScalar, badInput, requireId } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Fund } from '../funds/fund.entity';
import { Campaign } from './campaign.entity';
import { LaunchCampaignInput } from './campaign.input';
import type { CampaignService } from './campaign.service';

@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(private readonly service: CampaignService) {}

  @Query(() => [Campaign], { description: 'Campaigns, newest year first; by year and/or fund.' })
  campaigns(@Arg('year', () => Int, { nullable: true }) year?: number, @Arg('fundId', () => ID, { nullable: true }) fundId?: string): Promise<Campaign[]> {
    if (year != null && !isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    return this.service.list({ year, fundId: fundId ? requireId('Fund', fundId, 'fundId') : null });
  }

  @FieldResolver(() => Fund)
  async fund(@Root() c: Campaign, @Ctx() ctx: FundraisingContext): Promise<Fund> {
    return (await ctx.loaders.fund.load(c.fundId))!;
  }

  @FieldResolver(() => VndScalar, { description: 'Donations (not voided) recorded against the campaign.' })
  async raised(@Root() c: Campaign, @Ctx() ctx: FundraisingContext): Promise<bigint> {
    return (await ctx.loaders.campaignRaised.load(c.id))?.raised ?? 0n;
  }

  @Mutation(() => Campaign, {
    description: 'Launches a campaign of a fund for a year, optionally with a per-capita target; ADMIN, or an OFFICER within the fund’s organisation subtree.',
  })
  launchCampaign(@Ctx() ctx: FundraisingContext, @Arg('input', () => LaunchCampaignInput) input: LaunchCampaignInput): Promise<Campaign> {
    return this.service.launch(ctx.caller, input);
  }
}
