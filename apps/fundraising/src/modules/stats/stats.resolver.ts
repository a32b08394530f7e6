import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { isPlausibleYear, perCapita } from '@khg/domain';
import { Requires, badInput } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Area } from '../shared/stubs';
import { FundraisingStats } from './stats.types';

@Resolver(() => Area)
export class AreaFundraisingResolver {
  @FieldResolver(() => FundraisingStats, {
    description:
      'Fundraising of the area and everything below it in `year`, per inhabitant and against the year’s campaign target. Money stays with the units it was recorded under; the target is looked up in the tree valid on 31 December of that year (today for the current year).',
  })
  @Requires('ancestorIds ancestryByYear { year ancestorIds } statistics { year population }')
  async fundraising(@Root() area: Area, @Ctx() ctx: FundraisingContext, @Arg('year', () => Int) year: number): Promise<FundraisingStats> {
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    // The tree of the year: a unit moved by a reorganisation keeps its former parents' targets for its former years.
    const ofYear = area.ancestryByYear?.find((a) => a.year === year)?.ancestorIds;
    const ancestry = [...(ofYear ?? area.ancestorIds ?? []), area.id];
    const totals = (await ctx.loaders.areaTotals.load({ areaId: area.id, year, ancestry }))!;
    const population = area.statistics?.find((s) => s.year === year)?.population ?? null;
    const raisedPerCapita = perCapita(totals.raised, population);
    return {
      raised: totals.raised,
      awarded: totals.awarded,
      perCapita: raisedPerCapita,
      perCapitaTarget: totals.target,
      targetMet: raisedPerCapita === null || totals.target === null ? null : raisedPerCapita >= totals.target,
      population,
      balance: totals.balance,
      balancePerCapita: totals.balance < 0n ? null : perCapita(totals.balance, population),
    };
  }
}
