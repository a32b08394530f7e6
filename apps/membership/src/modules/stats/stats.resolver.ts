import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { isPlausibleYear } from '@khg/domain';
import { badInput } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Organization } from '../organizations/organization.entity';
import { MembershipStats } from './stats.types';

@Resolver(() => Organization)
export class MembershipStatsResolver {
  @FieldResolver(() => MembershipStats, { description: 'Membership figures at the end of `year`, over the organisation and (by default) all below it.' })
  async membershipStats(
    @Root() org: Organization,
    @Ctx() ctx: MembershipContext,
    @Arg('year', () => Int) year: number,
    @Arg('includeDescendants', () => Boolean, { defaultValue: true }) includeDescendants: boolean,
  ): Promise<MembershipStats> {
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    const row = await ctx.loaders.membershipStats.load({ organizationId: org.id, year, includeDescendants });
    return row!.stats;
  }
}
