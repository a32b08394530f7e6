import { DataLoader } from '@khg/platform';
import type { WorkPlan, WorkPlanRevision } from './plan.entity';
import type { PlanService } from './plan.service';

const orgYear = (k: { organizationId: string; year: number }) => `${k.organizationId}@${k.year}`;

export function planLoaders(plans: PlanService) {
  return {
    plan: new DataLoader<string, WorkPlan | null>(async (ids) => {
      const found = new Map((await plans.byIds(ids)).map((p) => [p.id, p]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** the plan of an organisation for a year: one statement per batch */
    planOfYear: new DataLoader<{ organizationId: string; year: number }, WorkPlan | null, string>(
      async (keys) => {
        const found = new Map((await plans.byOrgYears(keys)).map((p) => [orgYear(p), p]));
        return keys.map((k) => found.get(orgYear(k)) ?? null);
      },
      { cacheKeyFn: orgYear },
    ),
    planRevisions: new DataLoader<string, WorkPlanRevision[]>(async (ids) => {
      const rows = await plans.revisionsOf(ids);
      return ids.map((id) => rows.filter((r) => r.planId === id));
    }),
  };
}
export type PlanLoaders = ReturnType<typeof planLoaders>;
