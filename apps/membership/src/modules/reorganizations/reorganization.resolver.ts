import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isPlausibleYear } from '@khg/domain';
import { badInput, requireId } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area } from '../areas/area.entity';
import { AreaReorganization, ComparableYear } from './reorganization.entity';
import { ReorganizeAreasInput } from './reorganization.input';
import type { ReorganizationService } from './reorganization.service';

const areasOf = async (ctx: MembershipContext, ids: string[]): Promise<Area[]> =>
  (await Promise.all(ids.map((id) => ctx.loaders.area.load(id)))).filter((a): a is Area => a !== null);

@Resolver(() => AreaReorganization)
export class AreaReorganizationResolver {
  constructor(private readonly service: ReorganizationService) {}

  @Mutation(() => AreaReorganization, {
    description:
      'ADMIN: applies a reorganisation of administrative units whole, or refuses it whole (BAD_USER_INPUT with extensions.problems: [{change, message}], change counted from 0) naming every problem. Closed units keep their figures; lineage links them to the new ones.',
  })
  reorganizeAreas(@Ctx() ctx: MembershipContext, @Arg('input', () => ReorganizeAreasInput) input: ReorganizeAreasInput): Promise<AreaReorganization> {
    return this.service.reorganize(ctx.caller, input);
  }

  @Query(() => [AreaReorganization], { description: 'Every reorganisation applied, oldest effective date first.' })
  areaReorganizations(): Promise<AreaReorganization[]> {
    return this.service.list();
  }

  @FieldResolver(() => [Area])
  opened(@Root() r: AreaReorganization, @Ctx() ctx: MembershipContext): Promise<Area[]> {
    return areasOf(ctx, r.openedIds);
  }

  @FieldResolver(() => [Area])
  closed(@Root() r: AreaReorganization, @Ctx() ctx: MembershipContext): Promise<Area[]> {
    return areasOf(ctx, r.closedIds);
  }

  @FieldResolver(() => [Area])
  moved(@Root() r: AreaReorganization, @Ctx() ctx: MembershipContext): Promise<Area[]> {
    return areasOf(ctx, r.movedIds);
  }
}

@Resolver(() => Area)
export class AreaLineageResolver {
  @FieldResolver(() => [Area], { description: 'The units it was formed from (merged, split or renamed into it).' })
  async predecessors(@Root() area: Area, @Ctx() ctx: MembershipContext): Promise<Area[]> {
    return areasOf(
      ctx,
      (await ctx.loaders.areaPredecessors.load(area.id)).map((l) => l.predecessorId),
    );
  }

  @FieldResolver(() => [Area], { description: 'The units it went into when it closed.' })
  async successors(@Root() area: Area, @Ctx() ctx: MembershipContext): Promise<Area[]> {
    return areasOf(
      ctx,
      (await ctx.loaders.areaSuccessors.load(area.id)).map((l) => l.successorId),
    );
  }

  @FieldResolver(() => [ComparableYear], {
    description:
      'For each year from fromYear to toYear, the figures of the units it came from: the units valid on the year’s reference date (31 December; today for the current year), summed over merged units and weighted by population share for split ones. A year before it existed reads its predecessors; a year it existed reads itself.',
  })
  async comparableSeries(
    @Root() area: Area,
    @Ctx() ctx: MembershipContext,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
  ): Promise<ComparableYear[]> {
    if (!isPlausibleYear(fromYear) || !isPlausibleYear(toYear)) throw badInput('fromYear and toYear must lie in 1990–2100');
    if (fromYear > toYear) throw badInput(`fromYear (${fromYear}) is after toYear (${toYear})`);
    if (toYear - fromYear > 50) throw badInput('at most 50 years at a time');
    return (await ctx.loaders.comparableSeries.load({ areaId: area.id, fromYear, toYear }))!.years;
  }
}

@Resolver(() => ComparableYear)
export class ComparableYearResolver {
  @Query(() => ComparableYear, { nullable: true, description: 'One comparable year by its id "<areaId>:<year>".' })
  async comparableYear(@Ctx() ctx: MembershipContext, @Arg('id', () => ID) id: string): Promise<ComparableYear | null> {
    return resolveComparableYear(ctx, id);
  }
}

export async function resolveComparableYear(ctx: MembershipContext, id: string): Promise<ComparableYear | null> {
  const [areaId, y] = id.split(':');
  const year = Number(y);
  requireId('Area', areaId, 'id');
  if (!Number.isInteger(year) || !isPlausibleYear(year)) throw badInput(`"${id}" is not "<areaId>:<year>"`);
  const row = await ctx.loaders.comparableSeries.load({ areaId, fromYear: year, toYear: year });
  return row?.years[0] ?? null;
}
