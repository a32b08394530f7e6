import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isPlausibleYear, type PlanMetric } from '@khg/domain';
import { Requires, badInput, notFound, requireId } from '@khg/platform';
import type { PlansContext } from '../../context';
import { Area, Organization, PolicyDocument, areaRef, organizationRef, policyDocumentRef } from '../shared/stubs';
import { WorkPlan, WorkPlanRevision } from './plan.entity';
import { AdoptWorkPlanInput } from './plan.input';
import type { PlanService } from './plan.service';
import { ACTUALS, AreaFigures, MetricValue, PlanIndicator, PlanTask, YearReport } from './plan.types';
import {
  REPORTED_METRICS,
  actualsOf,
  areaFiguresId,
  indicatorId,
  metricValue,
  ownerOfAreaFigures,
  parseIndicatorId,
  parseReportId,
  referenceDate,
  reportId,
  targetsOf,
} from './figures';

async function orgAreaId(ctx: PlansContext, organizationId: string): Promise<string> {
  const org = await ctx.loaders.organizationInfo.load(organizationId);
  if (!org) throw notFound('Organization', organizationId);
  return org.areaId;
}

/** The child areas of an area in the tree of that year (membership's answer, through the directory). */
const childAreas = (ctx: PlansContext, areaId: string, year: number) => ctx.loaders.childAreaIds.load({ parentId: areaId, on: referenceDate(year) });

/** The indicator an id names (its plan loaded once per request). */
async function indicatorOf(ctx: PlansContext, id: string): Promise<{ metric: PlanMetric; target: number | null }> {
  const p = parseIndicatorId(id);
  const plan = p && (await ctx.loaders.plan.load(p.planId));
  const found = plan?.tasks.find((t) => t.number === p!.task)?.indicators[p!.index];
  if (!found) throw notFound('PlanIndicator', id);
  return found;
}

@Resolver(() => WorkPlan)
export class WorkPlanResolver {
  constructor(private readonly plans: PlanService) {}

  @Query(() => WorkPlan, { nullable: true })
  workPlan(@Ctx() ctx: PlansContext, @Arg('id', () => ID) id: string): Promise<WorkPlan | null> {
    requireId('WorkPlan', id, 'id');
    return ctx.loaders.plan.load(id);
  }

  @Query(() => [WorkPlan], { description: 'Plans, newest year first; filtered by organisation and year.' })
  workPlans(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ): Promise<WorkPlan[]> {
    if (organizationId) requireId('Organization', organizationId, 'organizationId');
    return this.plans.list({ organizationId, year });
  }

  @Query(() => YearReport, {
    description:
      'The yearly report (báo cáo tổng kết): every metric for the organisation’s area and each child area in the tree of that year, targets from the plan adopted for that year.',
  })
  async yearReport(
    @Ctx() ctx: PlansContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('year', () => Int) year: number,
  ): Promise<YearReport> {
    requireId('Organization', organizationId, 'organizationId');
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`, { argument: 'year' });
    const areaId = await orgAreaId(ctx, organizationId);
    return Object.assign(new YearReport(), { id: reportId(organizationId), areaId, year });
  }

  @Mutation(() => WorkPlan, {
    description:
      'Adopts the plan of an organisation for a year (one per organisation and year: a second is CONFLICT). ADMIN, or an OFFICER of that organisation.',
  })
  adoptWorkPlan(@Ctx() ctx: PlansContext, @Arg('input', () => AdoptWorkPlanInput) input: AdoptWorkPlanInput): Promise<WorkPlan> {
    return this.plans.adopt(ctx.caller, ctx.loaders, input);
  }

  @Mutation(() => WorkPlan, {
    description: 'Replaces the plan’s title, document and tasks, keeping what it replaced and why (WorkPlan.history). Organisation and year stay.',
  })
  reviseWorkPlan(
    @Ctx() ctx: PlansContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AdoptWorkPlanInput) input: AdoptWorkPlanInput,
    @Arg('reason') reason: string,
  ): Promise<WorkPlan> {
    return this.plans.revise(ctx.caller, ctx.loaders, id, input, reason);
  }

  @FieldResolver(() => Organization)
  organization(@Root() plan: WorkPlan): Organization {
    return organizationRef(plan.organizationId);
  }

  @FieldResolver(() => PolicyDocument, { nullable: true, description: 'The signed plan (kind PLAN), when registered.' })
  document(@Root() plan: WorkPlan): PolicyDocument | null {
    return plan.documentId ? policyDocumentRef(plan.documentId) : null;
  }

  @FieldResolver(() => [PlanTask])
  async tasks(@Root() plan: WorkPlan, @Ctx() ctx: PlansContext): Promise<PlanTask[]> {
    const areaId = await orgAreaId(ctx, plan.organizationId);
    return plan.tasks.map((t) =>
      Object.assign(new PlanTask(), {
        number: t.number,
        title: t.title,
        indicators: t.indicators.map((i, index) =>
          Object.assign(new PlanIndicator(), {
            id: indicatorId(plan.id, t.number, index),
            areaId,
            year: plan.year,
            metric: i.metric,
            target: i.target,
          }),
        ),
      }),
    );
  }

  @FieldResolver(() => [WorkPlanRevision], { description: 'Every revision, oldest first: the reason and what it replaced.' })
  history(@Root() plan: WorkPlan, @Ctx() ctx: PlansContext): Promise<WorkPlanRevision[]> {
    return ctx.loaders.planRevisions.load(plan.id);
  }
}

@Resolver(() => PlanIndicator)
export class PlanIndicatorResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The metric for the plan’s organisation (its area, in the tree of the year), from the subgraph that owns it.',
  })
  @Requires(ACTUALS)
  async actual(@Root() ind: PlanIndicator, @Ctx() ctx: PlansContext): Promise<number | null> {
    const { metric } = await indicatorOf(ctx, ind.id);
    return actualsOf(ind).get(metric) ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'actual ≥ target; null without a target or an actual.' })
  @Requires(ACTUALS)
  async met(@Root() ind: PlanIndicator, @Ctx() ctx: PlansContext): Promise<boolean | null> {
    const { metric, target } = await indicatorOf(ctx, ind.id);
    return metricValue(metric, actualsOf(ind).get(metric), target).met;
  }

  @FieldResolver(() => [AreaFigures], { description: 'This metric for each child area of the plan’s organisation, in the tree of the plan’s year.' })
  async byArea(@Root() ind: PlanIndicator, @Ctx() ctx: PlansContext): Promise<AreaFigures[]> {
    const children = await childAreas(ctx, ind.areaId, ind.year);
    return children.map((areaId) => Object.assign(new AreaFigures(), { id: areaFiguresId(ind.id, areaId), areaId, year: ind.year }));
  }
}

/** Values of a report's or an indicator's figures: all metrics against the plan's targets, or the indicator's one. */
async function valuesFor(ctx: PlansContext, ownerId: string, ref: AreaFigures | YearReport): Promise<MetricValue[]> {
  const actuals = actualsOf(ref);
  const org = parseReportId(ownerId);
  if (org !== null) {
    const targets = targetsOf(await ctx.loaders.planOfYear.load({ organizationId: org, year: ref.year }));
    return REPORTED_METRICS.map((m) => metricValue(m, actuals.get(m), targets.get(m) ?? null));
  }
  const { metric, target } = await indicatorOf(ctx, ownerId);
  return [metricValue(metric, actuals.get(metric), target)];
}

@Resolver(() => AreaFigures)
export class AreaFiguresResolver {
  @FieldResolver(() => Area)
  area(@Root() f: AreaFigures): Area {
    return areaRef(f.areaId);
  }

  @FieldResolver(() => [MetricValue])
  @Requires(ACTUALS)
  values(@Root() f: AreaFigures, @Ctx() ctx: PlansContext): Promise<MetricValue[]> {
    return valuesFor(ctx, ownerOfAreaFigures(f.id), f);
  }
}

@Resolver(() => YearReport)
export class YearReportResolver {
  @FieldResolver(() => Organization)
  organization(@Root() r: YearReport): Organization {
    return organizationRef(parseReportId(r.id)!);
  }

  @FieldResolver(() => WorkPlan, { nullable: true })
  plan(@Root() r: YearReport, @Ctx() ctx: PlansContext): Promise<WorkPlan | null> {
    return ctx.loaders.planOfYear.load({ organizationId: parseReportId(r.id)!, year: r.year });
  }

  @FieldResolver(() => [MetricValue], { description: 'Every metric for the organisation’s area, targets from its plan.' })
  @Requires(ACTUALS)
  values(@Root() r: YearReport, @Ctx() ctx: PlansContext): Promise<MetricValue[]> {
    return valuesFor(ctx, r.id, r);
  }

  @FieldResolver(() => [AreaFigures], { description: 'Every metric for each child area, in the tree of that year.' })
  async byArea(@Root() r: YearReport, @Ctx() ctx: PlansContext): Promise<AreaFigures[]> {
    const children = await childAreas(ctx, r.areaId, r.year);
    return children.map((areaId) => Object.assign(new AreaFigures(), { id: areaFiguresId(r.id, areaId), areaId, year: r.year }));
  }
}
