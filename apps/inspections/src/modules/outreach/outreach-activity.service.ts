import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { EventType } from '@khg/domain';
import {
  badInput,
  newId,
  newestFirstPage,
  requireId,
  requireWriterWithin,
  type Caller,
  type Connection,
  type DirectoryLoaders,
  type Outbox,
} from '@khg/platform';
import { distinctIds, notInFuture, optionalText, plausibleDate, requireYear, yearRange } from '../shared/validate';
import { requireOrganizations } from '../shared/directory';
import type { PolicyDocumentService } from '../policy-documents/policy-document.service';
import { OutreachActivity, OutreachDocument } from './outreach-activity.entity';
import type { RecordOutreachActivityInput } from './outreach-activity.input';

const MAX_AUDIENCE = 10_000_000;

export interface OutreachFilter {
  year?: number | null;
  organizationId?: string | null;
  documentId?: string | null;
}

export class OutreachActivityService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly docs: PolicyDocumentService,
  ) {}

  byIds(ids: readonly string[]): Promise<OutreachActivity[]> {
    return this.ds.getRepository(OutreachActivity).findBy({ id: In([...ids]) });
  }

  documentLinks(activityIds: readonly string[]): Promise<OutreachDocument[]> {
    return this.ds.getRepository(OutreachDocument).find({ where: { activityId: In([...activityIds]) }, order: { position: 'ASC' } });
  }

  /** Activities by the year held, organisation and document; latest first (at most 2,000: page with `page`). */
  list(f: OutreachFilter): Promise<OutreachActivity[]> {
    return this.filtered(f).orderBy('a.held_on', 'DESC').addOrderBy('a.id', 'DESC').limit(2000).getMany();
  }

  /** The same list a page at a time, latest first. */
  page(f: OutreachFilter & { first?: number | null; after?: string | null }): Promise<Connection<OutreachActivity>> {
    return newestFirstPage(this.filtered(f), { sortColumn: 'a.held_on', sortValue: (a) => a.heldOn, first: f.first, after: f.after });
  }

  private filtered(f: OutreachFilter): SelectQueryBuilder<OutreachActivity> {
    const qb = this.ds.getRepository(OutreachActivity).createQueryBuilder('a');
    const year = requireYear(f.year);
    if (year != null) {
      const [from, to] = yearRange(year);
      qb.andWhere('a.held_on >= :from AND a.held_on < :to', { from, to });
    }
    if (f.organizationId) qb.andWhere('a.organization_id = :org', { org: requireId('Organization', f.organizationId, 'organizationId') });
    if (f.documentId) {
      qb.andWhere('EXISTS (SELECT 1 FROM outreach_documents d WHERE d.activity_id = a.id AND d.document_id = :doc)', {
        doc: requireId('PolicyDocument', f.documentId, 'documentId'),
      });
    }
    return qb;
  }

  async record(caller: Caller, input: RecordOutreachActivityInput, directory: DirectoryLoaders['organizationInfo']): Promise<OutreachActivity> {
    const documentIds = distinctIds('PolicyDocument', input.documentIds, 'documentIds');
    if (documentIds.length === 0) throw badInput('documentIds: name at least one policy document the activity spread', { argument: 'documentIds' });
    if (!Number.isInteger(input.audience) || input.audience < 0 || input.audience > MAX_AUDIENCE) {
      throw badInput(`audience must be a whole number from 0 to ${MAX_AUDIENCE}`, { argument: 'audience' });
    }
    const heldOn = notInFuture(plausibleDate(input.heldOn, 'heldOn'), 'heldOn');
    const summary = optionalText(input.summary, 'summary', 2000);
    const [org] = await requireOrganizations(directory, [input.organizationId], 'organizationId');
    requireWriterWithin(caller, org.ancestry, `Recording an outreach activity of ${org.name}`);
    return this.ds.transaction(async (em) => {
      await this.docs.requireAll(em, documentIds);
      const activity = em.create(OutreachActivity, {
        id: newId('OutreachActivity'),
        organizationId: org.id,
        areaId: org.areaId,
        channel: input.channel,
        heldOn,
        audience: input.audience,
        summary,
      });
      await em.insert(OutreachActivity, activity);
      await em.insert(
        OutreachDocument,
        documentIds.map((documentId, position) => ({ activityId: activity.id, documentId, position })),
      );
      await this.outbox.append(em, caller, {
        type: EventType.OUTREACH_ACTIVITY_RECORDED,
        subjectId: activity.id,
        areaId: org.areaId,
        payload: { organizationId: org.id, channel: activity.channel, audience: activity.audience },
      });
      return activity;
    });
  }
}
