import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AreaLevel, referenceDateOfYear, todayInVietnam } from '@khg/domain';
import { DateScalar, badInput, requireId } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area, AreaStatistic, AreaYearAncestry } from './area.entity';
import { CreateAreaInput } from './area.input';
import { dayBefore, type AreaService } from './area.service';

/** Figures on the platform start with the 2018 plan; a few earlier years cover late-entered history. */
const FIRST_ANCESTRY_YEAR = 2010;

@Resolver(() => Area)
export class AreaResolver {
  constructor(private readonly service: AreaService) {}

  @Query(() => Area, {
    nullable: true,
    description: 'An area by id or by code; a code is read on the day `on` (default today), since codes are reused over time.',
  })
  async area(
    @Ctx() ctx: MembershipContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
    @Arg('on', () => DateScalar, { nullable: true }) on?: string,
  ): Promise<Area | null> {
    if (!id && !code) throw badInput('Give the area’s id or its code');
    if (id) return ctx.loaders.area.load(requireId('Area', id, 'id'));
    return this.service.byCode(code!, on ?? todayInVietnam());
  }

  @Query(() => [Area], { nullable: 'items', description: 'Areas by id, in the order asked (null where none exists).' })
  areasByIds(@Ctx() ctx: MembershipContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Area | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.area.load(requireId('Area', id, 'ids'))));
  }

  @Query(() => [Area], { description: 'Units valid on the day `on` (default today), by level and/or parent, ordered by code.' })
  async areas(
    @Arg('level', () => AreaLevel, { nullable: true }) level?: AreaLevel,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string,
    @Arg('on', () => DateScalar, { nullable: true }) on?: string,
  ): Promise<Area[]> {
    if (parentId) requireId('Area', parentId, 'parentId');
    return this.service.list({ level, parentId, on: on ?? todayInVietnam() });
  }

  @FieldResolver(() => Area, { nullable: true, description: 'The unit it lies in on the day `on` (default: its latest parent).' })
  async parent(@Root() area: Area, @Ctx() ctx: MembershipContext, @Arg('on', () => DateScalar, { nullable: true }) on?: string): Promise<Area | null> {
    if (!on) return area.parentId ? ctx.loaders.area.load(area.parentId) : null;
    const ids = (await ctx.loaders.areaAncestorsOn.load({ areaId: area.id, on }))?.ids ?? [];
    return ids.length ? ctx.loaders.area.load(ids[ids.length - 1]) : null;
  }

  @FieldResolver(() => [Area], { description: 'The units under it on the day `on` (default today).' })
  async children(@Root() area: Area, @Ctx() ctx: MembershipContext, @Arg('on', () => DateScalar, { nullable: true }) on?: string): Promise<Area[]> {
    const rows = await ctx.loaders.areaChildren.load({ parentId: area.id, on: on ?? todayInVietnam() });
    return rows.map((r) => r.area);
  }

  @FieldResolver(() => [ID], {
    description:
      'Ids of the units above it, the province first: its latest ancestry (for a closed unit, the one it had when it ceased). See ancestorIdsOn for a given day.',
  })
  ancestorIds(@Root() area: Area): string[] {
    return this.service.ancestorIds(area);
  }

  @FieldResolver(() => [ID], {
    description:
      'Ids of the units above it on the day `on`, the province first (a day outside its life reads the nearest day it existed). Per-year figures use the tree of the year: `on` = 31 December of that year (today for the current year).',
  })
  async ancestorIdsOn(@Root() area: Area, @Ctx() ctx: MembershipContext, @Arg('on', () => DateScalar) on: string): Promise<string[]> {
    return (await ctx.loaders.areaAncestorsOn.load({ areaId: area.id, on }))?.ids ?? [];
  }

  @FieldResolver(() => [AreaYearAncestry], {
    description: `Its ancestry in every year from ${FIRST_ANCESTRY_YEAR} (or the year it began) to this year (or the year it ended), each read on the year’s reference date (31 December; today for the current year): what per-year roll-ups in other subgraphs use to find the tree of the year.`,
  })
  async ancestryByYear(@Root() area: Area, @Ctx() ctx: MembershipContext): Promise<AreaYearAncestry[]> {
    const first = Math.max(FIRST_ANCESTRY_YEAR, area.validFrom ? Number(area.validFrom.slice(0, 4)) : FIRST_ANCESTRY_YEAR);
    const thisYear = Number(todayInVietnam().slice(0, 4));
    const last = area.validTo ? Math.min(thisYear, Number(dayBefore(area.validTo).slice(0, 4))) : thisYear;
    const years = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
    const rows = await Promise.all(years.map((y) => ctx.loaders.areaAncestorsOn.load({ areaId: area.id, on: referenceDateOfYear(y) })));
    return years.map((year, i) => ({ year, ancestorIds: rows[i]?.ids ?? [] }));
  }

  @FieldResolver(() => [AreaStatistic], { description: 'Population and households recorded for every year, oldest first.' })
  statistics(@Root() area: Area, @Ctx() ctx: MembershipContext): Promise<AreaStatistic[]> {
    return ctx.loaders.areaStatistics.load(area.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Inhabitants (dân số) recorded for the unit for that year; null when none was recorded. Figures stay with the unit they were recorded for: a unit closed by a reorganisation keeps its years, and per-year roll-ups use the tree valid on 31 December of the year (today for the current year).',
  })
  async population(@Root() area: Area, @Ctx() ctx: MembershipContext, @Arg('year', () => Int) year: number): Promise<number | null> {
    const stats = await ctx.loaders.areaStatistics.load(area.id);
    return stats.find((s) => s.year === year)?.population ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Households (hộ gia đình) recorded for that year; null when none was recorded.' })
  async households(@Root() area: Area, @Ctx() ctx: MembershipContext, @Arg('year', () => Int) year: number): Promise<number | null> {
    const stats = await ctx.loaders.areaStatistics.load(area.id);
    return stats.find((s) => s.year === year)?.households ?? null;
  }

  @Mutation(() => Area, { description: 'ADMIN: a new administrative unit under its parent.' })
  createArea(@Ctx() ctx: MembershipContext, @Arg('input', () => CreateAreaInput) input: CreateAreaInput): Promise<Area> {
    return this.service.create(ctx.caller, input);
  }

  @Mutation(() => Area, { description: 'ADMIN: records (or corrects) an area’s population and households for a year.' })
  recordAreaStatistics(
    @Ctx() ctx: MembershipContext,
    @Arg('areaId', () => ID) areaId: string,
    @Arg('year', () => Int) year: number,
    @Arg('population', () => Int) population: number,
    @Arg('households', () => Int) households: number,
  ): Promise<Area> {
    return this.service.recordStatistics(ctx.caller, areaId, year, population, households);
  }
}
