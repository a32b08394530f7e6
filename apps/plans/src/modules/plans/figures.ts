import { PlanMetric, referenceDateOfYear } from '@khg/domain';
import type { MetricActual } from '@khg/platform/plan-refs';
import type { WorkPlan } from './plan.entity';
import { MetricValue, type Figures } from './plan.types';

/** Every metric, in the enum's order (grouped by owner): what a report shows. */
export const REPORTED_METRICS = Object.values(PlanMetric);

/** id of an indicator: the plan, the task number and the indicator's place in it. */
export const indicatorId = (planId: string, task: number, index: number) => `${planId}#${task}.${index}`;
export function parseIndicatorId(id: string): { planId: string; task: number; index: number } | null {
  const m = /^(plan_[^#]+)#(\d+)\.(\d+)$/.exec(id);
  return m ? { planId: m[1], task: Number(m[2]), index: Number(m[3]) } : null;
}
/** id of a report: its organisation (the year is the other half of the key). */
export const reportId = (organizationId: string) => `report:${organizationId}`;
export const parseReportId = (id: string): string | null => (id.startsWith('report:') ? id.slice('report:'.length) : null);
/** id of an area's figures: what they belong to (an indicator or a report), and the area. */
export const areaFiguresId = (ownerId: string, areaId: string) => `${ownerId}|${areaId}`;
export const ownerOfAreaFigures = (id: string) => id.slice(0, id.lastIndexOf('|'));

export const referenceDate = referenceDateOfYear;

/** The owners' figures of a representation, by metric. */
export function actualsOf(ref: Figures): Map<PlanMetric, number | null> {
  const all: MetricActual[] = [
    ...(ref.membershipActuals ?? []),
    ...(ref.fundraisingActuals ?? []),
    ...(ref.learningActuals ?? []),
    ...(ref.inspectionsActuals ?? []),
  ];
  return new Map(all.map((a) => [a.metric, a.value]));
}

/** met: actual ≥ target (rates, per-capita and counts alike); null without either. */
export function metricValue(metric: PlanMetric, value: number | null | undefined, target: number | null): MetricValue {
  const v = value ?? null;
  // compared in millionths so 0.35 recognised of a 0.35 target is met despite binary fractions
  const met = v === null || target === null ? null : Math.round(v * 1e6) >= Math.round(target * 1e6);
  return Object.assign(new MetricValue(), { metric, value: v, target, met });
}

/** The plan's target for each metric (the first indicator naming it). */
export function targetsOf(plan: WorkPlan | null): Map<PlanMetric, number | null> {
  const t = new Map<PlanMetric, number | null>();
  for (const task of plan?.tasks ?? []) for (const i of task.indicators) if (!t.has(i.metric)) t.set(i.metric, i.target);
  return t;
}
