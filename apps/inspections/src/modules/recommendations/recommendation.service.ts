import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { EventType, RecommendationStatus, todayInVietnam } from '@khg/domain';
import {
  conflict,
  keysetPage,
  notFound,
  orderedBy,
  requireId,
  requireWriterWithin,
  type Caller,
  type Connection,
  type Outbox,
  type SortKey,
} from '@khg/platform';
import { Inspection } from '../inspections/inspection.entity';
import { Recommendation } from './recommendation.entity';

export interface RecommendationFilter {
  responsibleId?: string | null;
  status?: RecommendationStatus | null;
  inspectionId?: string | null;
}

// created_at keeps microseconds, a JavaScript Date (and so the cursor) milliseconds: the list is
// ordered by the millisecond, so the cursor holds the whole key and two recommendations of the same
// millisecond are kept apart by id instead of being skipped.
const NEWEST_FIRST: SortKey<Recommendation>[] = [
  { expr: "date_trunc('milliseconds', r.created_at)", value: (r) => r.createdAt.toISOString() },
  { expr: 'r.id', value: (r) => r.id },
];

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

  /** Recommendations by responsible organisation, status and inspection; newest first (at most 2,000: page with `page`). */
  list(f: RecommendationFilter): Promise<Recommendation[]> {
    return orderedBy(this.filtered(f), NEWEST_FIRST, 'DESC').limit(2000).getMany();
  }

  /** The same list a page at a time, newest first. */
  page(f: RecommendationFilter & { first?: number | null; after?: string | null }): Promise<Connection<Recommendation>> {
    return keysetPage(this.filtered(f), { keys: NEWEST_FIRST, direction: 'DESC', first: f.first, after: f.after });
  }

  private filtered(f: RecommendationFilter): SelectQueryBuilder<Recommendation> {
    const qb = this.ds.getRepository(Recommendation).createQueryBuilder('r');
    if (f.responsibleId) qb.andWhere('r.responsible_id = :responsibleId', { responsibleId: requireId('Organization', f.responsibleId, 'responsibleId') });
    if (f.inspectionId) qb.andWhere('r.inspection_id = :inspectionId', { inspectionId: requireId('Inspection', f.inspectionId, 'inspectionId') });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    return qb;
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
