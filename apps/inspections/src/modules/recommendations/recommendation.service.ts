import { In, type DataSource, type FindOptionsWhere } from 'typeorm';
import { EventType, RecommendationStatus, todayInVietnam } from '@khg/domain';
import { conflict, notFound, requireId, requireWriterWithin, type Caller, type Outbox } from '@khg/platform';
import { Inspection } from '../inspections/inspection.entity';
import { Recommendation } from './recommendation.entity';

export interface RecommendationFilter {
  responsibleId?: string | null;
  status?: RecommendationStatus | null;
  inspectionId?: string | null;
}

export class RecommendationService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  ofInspections(inspectionIds: readonly string[]): Promise<Recommendation[]> {
    return this.ds.getRepository(Recommendation).find({ where: { inspectionId: In([...inspectionIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** OPEN recommendations per responsible organisation: one grouped count for the whole batch. */
  async openCounts(organizationIds: readonly string[]): Promise<{ organizationId: string; open: number }[]> {
    return this.ds.query(
      `SELECT responsible_id AS "organizationId", count(*)::int AS "open"
         FROM recommendations WHERE status = 'OPEN' AND responsible_id = ANY($1::text[])
        GROUP BY responsible_id`,
      [[...organizationIds]],
    );
  }

  list(f: RecommendationFilter): Promise<Recommendation[]> {
    const where: FindOptionsWhere<Recommendation> = {};
    if (f.responsibleId) where.responsibleId = requireId('Organization', f.responsibleId, 'responsibleId');
    if (f.inspectionId) where.inspectionId = requireId('Inspection', f.inspectionId, 'inspectionId');
    if (f.status) where.status = f.status;
    return this.ds.getRepository(Recommendation).find({ where, order: { createdAt: 'DESC', id: 'DESC' }, take: 2000 });
  }

  /**
   * OPEN → DONE, once. The inspection's lead decides, and so does the organisation that has to
   * act on it: ADMIN, or an OFFICER within either one's subtree.
   */
  async resolve(caller: Caller, id: string): Promise<Recommendation> {
    requireId('Recommendation', id, 'id');
    return this.ds.transaction(async (em) => {
      const rec = await em.findOne(Recommendation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!rec) throw notFound('Recommendation', id);
      const insp = await em.findOneByOrFail(Inspection, { id: rec.inspectionId });
      requireWriterWithin(caller, [...insp.leadAncestry, ...rec.responsibleAncestry], 'Resolving a recommendation');
      if (rec.status !== RecommendationStatus.OPEN) {
        throw conflict(`The recommendation is already ${rec.status} (resolved on ${rec.resolvedOn})`, { currentStatus: rec.status });
      }
      rec.status = RecommendationStatus.DONE;
      rec.resolvedOn = todayInVietnam();
      await em.update(Recommendation, { id }, { status: rec.status, resolvedOn: rec.resolvedOn });
      await this.outbox.append(em, caller, {
        type: EventType.RECOMMENDATION_CHANGED,
        subjectId: id,
        areaId: rec.responsibleAreaId,
        payload: { status: rec.status, inspectionId: rec.inspectionId, responsibleId: rec.responsibleId },
      });
      return rec;
    });
  }
}
