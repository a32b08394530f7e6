import { In, type DataSource } from 'typeorm';
import { AreaLevel, CenterGrade, EventType, collapseWhitespace, isPlausibleYear, todayInVietnam } from '@khg/domain';
import { badInput, conflict, newId, notFound, requireId, requireWriterInArea, type Caller, type DirectoryLoaders, type Outbox } from '@khg/platform';
import { areaOrFail, officerOrganization } from '../shared/access';
import { CenterEvaluation, CommunityLearningCenter } from './center.entity';

export class CenterService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async byIds(ids: readonly string[]): Promise<CommunityLearningCenter[]> {
    return this.ds.getRepository(CommunityLearningCenter).findBy({ id: In([...ids]) });
  }

  async evaluationsOf(centerIds: readonly string[]): Promise<CenterEvaluation[]> {
    return this.ds.getRepository(CenterEvaluation).find({ where: { centerId: In([...centerIds]) }, order: { year: 'ASC' } });
  }

  /** Centres in the area and below (all when no area), by name. */
  async list(areaId?: string | null): Promise<CommunityLearningCenter[]> {
    const qb = this.ds.getRepository(CommunityLearningCenter).createQueryBuilder('c');
    if (areaId) qb.where('c.area_ancestry @> ARRAY[:areaId]::text[]', { areaId: requireId('Area', areaId, 'areaId') });
    return qb.orderBy('c.name').addOrderBy('c.id').limit(5000).getMany();
  }

  async create(caller: Caller, loaders: DirectoryLoaders, areaId: string, name: string, establishedOn: string | null): Promise<CommunityLearningCenter> {
    requireId('Area', areaId, 'areaId');
    const clean = collapseWhitespace(name);
    if (clean.length < 2 || clean.length > 300) throw badInput('name must be 2 to 300 characters');
    if (establishedOn && establishedOn > todayInVietnam()) throw badInput(`establishedOn ${establishedOn} is in the future`);
    const area = await areaOrFail(loaders, areaId);
    if (area.level !== AreaLevel.COMMUNE) throw badInput(`A Community Learning Centre serves a commune; ${area.name} is a ${area.level}`);
    if (area.validTo && area.validTo <= todayInVietnam()) throw badInput(`${area.name} ceased on ${area.validTo}; choose a current commune`);
    const org = await officerOrganization(caller, loaders);
    requireWriterInArea(caller, area.ancestry, org, 'Creating a Community Learning Centre');
    return this.ds.transaction(async (em) => {
      const existing = await em.findOneBy(CommunityLearningCenter, { areaId });
      if (existing)
        throw conflict(`${area.name} already has its Community Learning Centre: ${existing.name} (${existing.id}); a commune has one`, {
          existingId: existing.id,
        });
      const center = em.create(CommunityLearningCenter, {
        id: newId('CommunityLearningCenter'),
        name: clean,
        areaId,
        areaAncestry: area.ancestry,
        establishedOn,
      });
      await em.insert(CommunityLearningCenter, center);
      await this.outbox.append(em, caller, { type: EventType.LEARNING_CENTER_CHANGED, subjectId: center.id, areaId, payload: { change: 'CREATED' } });
      return center;
    });
  }

  /**
   * One evaluation per centre per year. Evaluating a year again is a CONFLICT naming the grade on
   * record, unless `replace` says the new grade deliberately supersedes it (logged as an event).
   */
  async evaluate(caller: Caller, loaders: DirectoryLoaders, id: string, year: number, grade: CenterGrade, replace: boolean): Promise<CommunityLearningCenter> {
    requireId('CommunityLearningCenter', id, 'id');
    if (!isPlausibleYear(year)) throw badInput(`year ${year} is outside 1990–2100`);
    if (year > +todayInVietnam().slice(0, 4)) throw badInput(`year ${year} has not begun: a centre is evaluated on a year’s work`);
    const org = await officerOrganization(caller, loaders);
    return this.ds.transaction(async (em) => {
      const center = await em.findOne(CommunityLearningCenter, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!center) throw notFound('CommunityLearningCenter', id);
      requireWriterInArea(caller, center.areaAncestry, org, 'Evaluating a Community Learning Centre');
      if (center.establishedOn && year < +center.establishedOn.slice(0, 4))
        throw badInput(`${center.name} was established on ${center.establishedOn}, after ${year}`);
      const existing = await em.findOneBy(CenterEvaluation, { centerId: id, year });
      if (existing && !replace) {
        throw conflict(`${center.name} is already evaluated ${existing.grade} for ${year}; pass replace: true to change the grade`, { grade: existing.grade });
      }
      if (existing) await em.update(CenterEvaluation, { centerId: id, year }, { grade });
      else await em.insert(CenterEvaluation, { centerId: id, year, grade });
      await this.outbox.append(em, caller, {
        type: EventType.LEARNING_CENTER_CHANGED,
        subjectId: id,
        areaId: center.areaId,
        payload: { change: 'EVALUATED', year, grade, previousGrade: existing?.grade ?? null },
      });
      return center;
    });
  }
}
