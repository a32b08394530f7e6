import { In, type DataSource, type EntityManager } from 'typeorm';
import { EventType, PlanMetric, Role, collapseWhitespace, isPlausibleYear } from '@khg/domain';
import { badInput, conflict, forbidden, newId, notFound, requireId, type Caller, type DirectoryLoaders, type Outbox } from '@khg/platform';
import { WorkPlan, WorkPlanRevision, type StoredTask } from './plan.entity';
import type { PlanDocuments } from './plan-document';
import type { AdoptWorkPlanInput } from './plan.input';

/** Metrics that are shares (0..1): their target must be one too. */
export const SHARE_METRICS = new Set<PlanMetric>([
  PlanMetric.FAMILY_RATE,
  PlanMetric.CLAN_RATE,
  PlanMetric.COMMUNITY_RATE,
  PlanMetric.UNIT_RATE,
  PlanMetric.CITIZEN_RATE,
  PlanMetric.CENTERS_RATED_GOOD_RATE,
  PlanMetric.MEMBERSHIP_SHARE,
  PlanMetric.CARD_ISSUANCE_RATE,
  PlanMetric.FEE_COLLECTION_RATE,
  PlanMetric.RECOMMENDATIONS_RESOLVED_RATE,
]);

const text = (value: string, field: string, max: number): string => {
  const t = collapseWhitespace(value ?? '');
  if (!t) throw badInput(`${field} is empty`, { argument: field });
  if (t.length > max) throw badInput(`${field} is longer than ${max} characters`, { argument: field });
  return t;
};

/** The plan as the input states it, checked whole: every problem is reported in one error, nothing is written. */
export function checkPlanInput(input: AdoptWorkPlanInput): { title: string; documentId: string | null; tasks: StoredTask[] } {
  requireId('Organization', input.organizationId, 'organizationId');
  if (!Number.isInteger(input.year) || !isPlausibleYear(input.year)) throw badInput(`year ${input.year} is outside 1990–2100`, { argument: 'year' });
  const title = text(input.title, 'title', 300);
  const documentId = input.documentId ? requireId('PolicyDocument', input.documentId, 'documentId') : null;
  if (!input.tasks.length) throw badInput('a plan needs at least one task', { argument: 'tasks' });
  const problems: string[] = [];
  const numbers = new Set<number>();
  const tasks = input.tasks.map((t, i): StoredTask => {
    if (!Number.isInteger(t.number) || t.number < 1 || t.number > 99) problems.push(`task ${i + 1}: number ${t.number} must be a whole number 1–99`);
    else if (numbers.has(t.number)) problems.push(`task ${i + 1}: number ${t.number} is used by another task`);
    numbers.add(t.number);
    const taskTitle = collapseWhitespace(t.title ?? '');
    if (!taskTitle) problems.push(`task ${t.number}: the title is empty`);
    if (taskTitle.length > 1000) problems.push(`task ${t.number}: the title is longer than 1000 characters`);
    const indicators = t.indicators.map((x) => {
      const target = x.target ?? null;
      if (target !== null && (!Number.isFinite(target) || target < 0)) problems.push(`task ${t.number}, ${x.metric}: target ${target} must be a number ≥ 0`);
      else if (target !== null && SHARE_METRICS.has(x.metric) && target > 1)
        problems.push(`task ${t.number}, ${x.metric}: target ${target} is a share between 0 and 1 (write 40 % as 0.4)`);
      return { metric: x.metric, target };
    });
    if (new Set(indicators.map((x) => x.metric)).size !== indicators.length) problems.push(`task ${t.number}: a metric appears twice`);
    return { number: t.number, title: taskTitle, indicators };
  });
  if (problems.length) throw badInput(`the plan has ${problems.length} problem(s): ${problems.join('; ')}`, { problems });
  return { title, documentId, tasks: tasks.sort((a, b) => a.number - b.number) };
}

export class PlanService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly documents: PlanDocuments,
  ) {}

  byIds(ids: readonly string[]): Promise<WorkPlan[]> {
    return this.ds.getRepository(WorkPlan).findBy({ id: In([...ids]) });
  }

  /** Plans of many (organisation, year) pairs in one statement. */
  async byOrgYears(keys: readonly { organizationId: string; year: number }[]): Promise<WorkPlan[]> {
    return this.ds
      .getRepository(WorkPlan)
      .createQueryBuilder('p')
      .where('(p.organization_id, p.year) IN (SELECT * FROM unnest(:orgs::text[], :years::int[]))', {
        orgs: keys.map((k) => k.organizationId),
        years: keys.map((k) => k.year),
      })
      .getMany();
  }

  list(f: { organizationId?: string | null; year?: number | null }): Promise<WorkPlan[]> {
    const qb = this.ds.getRepository(WorkPlan).createQueryBuilder('p');
    if (f.organizationId) qb.andWhere('p.organization_id = :org', { org: f.organizationId });
    if (f.year != null) qb.andWhere('p.year = :year', { year: f.year });
    return qb.orderBy('p.year', 'DESC').addOrderBy('p.id', 'ASC').limit(1000).getMany();
  }

  revisionsOf(planIds: readonly string[]): Promise<WorkPlanRevision[]> {
    return this.ds.getRepository(WorkPlanRevision).find({ where: { planId: In([...planIds]) }, order: { revision: 'ASC' } });
  }

  /** ADMIN anywhere; an OFFICER only for its own organisation (the plan is that organisation's own). */
  private async authorize(caller: Caller, loaders: DirectoryLoaders, organizationId: string, action: string): Promise<void> {
    const org = await loaders.organizationInfo.load(organizationId);
    if (!org) throw notFound('Organization', organizationId);
    if (caller.role === Role.ADMIN) return;
    if (caller.role !== Role.OFFICER) throw forbidden(`${action} needs the role ADMIN or OFFICER; you are ${caller.role}`);
    if (caller.orgId !== organizationId)
      throw forbidden(`${action}: an officer adopts and revises only the plan of its own organisation, not that of ${org.name}`);
  }

  async adopt(caller: Caller, loaders: DirectoryLoaders, input: AdoptWorkPlanInput): Promise<WorkPlan> {
    const plan = checkPlanInput(input);
    await this.authorize(caller, loaders, input.organizationId, 'Adopting a work plan');
    await this.documents.requirePlan(plan.documentId);
    return this.ds.transaction(async (em) => {
      const existing = await em.query('SELECT id FROM work_plans WHERE organization_id = $1 AND year = $2', [input.organizationId, input.year]);
      if (existing.length)
        throw conflict(`a work plan for ${input.year} is already adopted for this organisation (${existing[0].id}); revise it with reviseWorkPlan`, {
          id: existing[0].id,
        });
      const row = em.create(WorkPlan, {
        id: newId('WorkPlan'),
        organizationId: input.organizationId,
        year: input.year,
        ...plan,
        revisions: 0,
        adoptedBy: caller.sub,
      });
      await insertOrConflict(em, row);
      await this.outbox.append(em, caller, {
        type: EventType.WORK_PLAN_ADOPTED,
        subjectId: row.id,
        areaId: null,
        payload: { organizationId: row.organizationId, year: row.year },
      });
      return await em.findOneByOrFail(WorkPlan, { id: row.id });
    });
  }

  async revise(caller: Caller, loaders: DirectoryLoaders, id: string, input: AdoptWorkPlanInput, reason: string): Promise<WorkPlan> {
    requireId('WorkPlan', id, 'id');
    const why = text(reason, 'reason', 1000);
    const plan = checkPlanInput(input);
    await this.documents.requirePlan(plan.documentId);
    return this.ds.transaction(async (em) => {
      const current = await em.getRepository(WorkPlan).createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
      if (!current) throw notFound('WorkPlan', id);
      await this.authorize(caller, loaders, current.organizationId, 'Revising a work plan');
      if (input.organizationId !== current.organizationId || input.year !== current.year) {
        throw badInput(
          `a revision keeps the plan's organisation and year (${current.organizationId}, ${current.year}); adopt a plan for another year instead`,
          { argument: 'input' },
        );
      }
      const revision = current.revisions + 1;
      await em.insert(WorkPlanRevision, {
        planId: id,
        revision,
        reason: why,
        previousTitle: current.title,
        previousDocumentId: current.documentId,
        previousTasks: current.tasks,
        revisedBy: caller.sub,
      });
      await em.update(WorkPlan, { id }, { title: plan.title, documentId: plan.documentId, tasks: plan.tasks, revisions: revision, updatedAt: () => 'now()' });
      await this.outbox.append(em, caller, {
        type: EventType.WORK_PLAN_REVISED,
        subjectId: id,
        areaId: null,
        payload: { revision, organizationId: current.organizationId, year: current.year },
      });
      return em.findOneByOrFail(WorkPlan, { id });
    });
  }
}

/** Two adoptions at once: the unique (organisation, year) decides, and the loser is told why. */
async function insertOrConflict(em: EntityManager, row: WorkPlan): Promise<void> {
  try {
    await em.insert(WorkPlan, row);
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw conflict(`a work plan for ${row.year} is already adopted for this organisation; revise it with reviseWorkPlan`);
    throw e;
  }
}
