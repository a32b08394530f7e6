import { Arg, Ctx, FieldResolver, ID, Int, Float, Mutation, Resolver, Root } from 'type-graphql';
import { LearningModelKind, isPlausibleYear } from '@khg/domain';
import { Requires, badInput } from '@khg/platform';
import type { LearningContext } from '../../context';
import { areaOrFail } from '../shared/access';
import { Area } from '../shared/stubs';
import type { RateService } from './rate.service';
import { LearningModelRate } from './rate.types';

@Resolver(() => Area)
export class AreaLearningModelsResolver {
  @FieldResolver(() => [LearningModelRate], {
    description:
      'The four learning-model rates of the area that year (FAMILY, CLAN, COMMUNITY, UNIT), rolled up over the area and all below it. Entries and counts stay with the units they were recorded under; targets are inherited through the tree valid on 31 December of that year (today for the current year).',
  })
  @Requires('ancestorIds ancestryByYear { year ancestorIds }')
  async learningModels(@Root() area: Area, @Ctx() ctx: LearningContext, @Arg('year', () => Int) year: number): Promise<LearningModelRate[]> {
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    // The gateway sends ancestorIds (@requires); the directory is the fallback for a bare reference.
    // The tree of the year: a unit moved by a reorganisation inherits its former parents' targets for its former years.
    const ofYear = area.ancestryByYear?.find((a) => a.year === year)?.ancestorIds ?? area.ancestorIds;
    const ancestry = ofYear ? [...ofYear, area.id] : (await areaOrFail(ctx.loaders, area.id)).ancestry;
    return ctx.loaders.learningModelRates.load({ areaId: area.id, year, ancestry });
  }
}

@Resolver(() => LearningModelRate)
export class LearningModelRateResolver {
  constructor(private readonly rates: RateService) {}

  @Mutation(() => LearningModelRate, {
    description:
      'Sets the target share (0..1) of a kind for an area and year (chỉ tiêu); the areas below inherit it unless they set their own. ADMIN, or an OFFICER in its area and below.',
  })
  setLearningModelTarget(
    @Ctx() ctx: LearningContext,
    @Arg('year', () => Int) year: number,
    @Arg('kind', () => LearningModelKind) kind: LearningModelKind,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('target', () => Float) target: number,
  ): Promise<LearningModelRate> {
    return this.rates.setTarget(ctx.caller, ctx.loaders, year, kind, areaId, target);
  }

  @Mutation(() => LearningModelRate, {
    description:
      'Records how many families (clans, villages, units) the area ITSELF has that year; an area’s rate adds the counts of its whole subtree. ADMIN, or an OFFICER in its area and below.',
  })
  setEligibleCount(
    @Ctx() ctx: LearningContext,
    @Arg('year', () => Int) year: number,
    @Arg('kind', () => LearningModelKind) kind: LearningModelKind,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('count', () => Int) count: number,
  ): Promise<LearningModelRate> {
    return this.rates.setEligible(ctx.caller, ctx.loaders, year, kind, areaId, count);
  }
}
