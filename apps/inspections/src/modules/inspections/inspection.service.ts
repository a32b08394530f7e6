import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { EventType, InspectionStatus, RecommendationStatus, Severity, todayInVietnam } from '@khg/domain';
import {
  badInput,
  conflict,
  newId,
  newestFirstPage,
  notFound,
  requireId,
  requireWriterWithin,
  type Caller,
  type Connection,
  type DirectoryLoaders,
  type Outbox,
} from '@khg/platform';
import { distinctIds, plausibleDate, requireYear, requiredText, yearRange } from '../shared/validate';
import { requireOrganizations } from '../shared/directory';
import type { PolicyDocumentService } from '../policy-documents/policy-document.service';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Finding, Inspection, InspectionDocument } from './inspection.entity';
import type { PlanInspectionInput } from './inspection.input';
import { InspectionAction, acceptsRecords, nextInspectionStatus, statusesAllowing } from './inspection.state';

export interface InspectionFilter {
  status?: InspectionStatus | null;
  year?: number | null;
  leadId?: string | null;
  subjectId?: string | null;
  documentId?: string | null;
}

const MAX_PARTNERS = 30;
const MAX_SUBJECTS = 500;
const MAX_DOCUMENTS = 50;

const VERB: Record<InspectionAction, string> = {
  [InspectionAction.START]: 'started',
  [InspectionAction.COMPLETE]: 'completed',
  [InspectionAction.CANCEL]: 'cancelled',
};

/** Department names: trimmed, non-empty, each kept once (ignoring case). */
export function normalizePartners(partners: readonly string[]): string[] {
  const seen = new Map<string, string>();
  partners.forEach((p, i) => {
    const name = requiredText(p, `partners[${i}]`, 200);
    const key = name.toLocaleLowerCase('vi');
    if (!seen.has(key)) seen.set(key, name);
  });
  if (seen.size > MAX_PARTNERS) throw badInput(`An inspection takes at most ${MAX_PARTNERS} partner departments`);
  return [...seen.values()];
}

export class InspectionService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly docs: PolicyDocumentService,
  ) {}

  byIds(ids: readonly string[]): Promise<Inspection[]> {
    return this.ds.getRepository(Inspection).findBy({ id: In([...ids]) });
  }

  documentLinks(inspectionIds: readonly string[]): Promise<InspectionDocument[]> {
    return this.ds.getRepository(InspectionDocument).find({ where: { inspectionId: In([...inspectionIds]) }, order: { position: 'ASC' } });
  }

  findingsOf(inspectionIds: readonly string[]): Promise<Finding[]> {
    return this.ds.getRepository(Finding).find({ where: { inspectionId: In([...inspectionIds]) }, order: { recordedAt: 'ASC', id: 'ASC' } });
  }

  /** Inspections by status, the year they start in, lead, subject and document; newest start first (at most 2,000: page with `page`). */
  list(f: InspectionFilter): Promise<Inspection[]> {
    return this.filtered(f).orderBy('i.starts_on', 'DESC').addOrderBy('i.id', 'DESC').limit(2000).getMany();
  }

  /** The same list a page at a time, newest start first. */
  page(f: InspectionFilter & { first?: number | null; after?: string | null }): Promise<Connection<Inspection>> {
    return newestFirstPage(this.filtered(f), { sortColumn: 'i.starts_on', sortValue: (i) => i.startsOn, first: f.first, after: f.after });
  }

  private filtered(f: InspectionFilter): SelectQueryBuilder<Inspection> {
    const qb = this.ds.getRepository(Inspection).createQueryBuilder('i');
    if (f.status) qb.andWhere('i.status = :status', { status: f.status });
    const year = requireYear(f.year);
    if (year != null) {
      const [from, to] = yearRange(year);
      qb.andWhere('i.starts_on >= :from AND i.starts_on < :to', { from, to });
    }
    if (f.leadId) qb.andWhere('i.lead_id = :leadId', { leadId: requireId('Organization', f.leadId, 'leadId') });
    if (f.subjectId) qb.andWhere('i.subject_ids @> ARRAY[:subjectId]::text[]', { subjectId: requireId('Organization', f.subjectId, 'subjectId') });
    if (f.documentId) {
      qb.andWhere('EXISTS (SELECT 1 FROM inspection_documents d WHERE d.inspection_id = i.id AND d.document_id = :documentId)', {
        documentId: requireId('PolicyDocument', f.documentId, 'documentId'),
      });
    }
    return qb;
  }

  async plan(caller: Caller, input: PlanInspectionInput, directory: DirectoryLoaders['organizationInfo']): Promise<Inspection> {
    const title = requiredText(input.title, 'title', 300);
    const documentIds = distinctIds('PolicyDocument', input.documentIds, 'documentIds');
    if (documentIds.length === 0) throw badInput('documentIds: name at least one policy document the inspection checks', { argument: 'documentIds' });
    if (documentIds.length > MAX_DOCUMENTS) throw badInput(`documentIds: at most ${MAX_DOCUMENTS} documents`, { argument: 'documentIds' });
    const subjectIds = distinctIds('Organization', input.subjectIds, 'subjectIds');
    if (subjectIds.length === 0) throw badInput('subjectIds: name at least one organisation to inspect', { argument: 'subjectIds' });
    if (subjectIds.length > MAX_SUBJECTS) throw badInput(`subjectIds: at most ${MAX_SUBJECTS} organisations`, { argument: 'subjectIds' });
    requireId('Organization', input.leadId, 'leadId');
    const partners = normalizePartners(input.partners);
    const startsOn = plausibleDate(input.startsOn, 'startsOn');
    const endsOn = input.endsOn ? plausibleDate(input.endsOn, 'endsOn') : null;
    if (endsOn && endsOn < startsOn) throw badInput(`endsOn ${endsOn} is before startsOn ${startsOn}`, { argument: 'endsOn' });

    // membership answers before the transaction opens: no connection is held across HTTP
    // (one batched call for lead and subjects; the lead's answer is judged first)
    const [leadAnswer, subjectsAnswer] = await Promise.allSettled([
      requireOrganizations(directory, [input.leadId], 'leadId'),
      requireOrganizations(directory, subjectIds, 'subjectIds'),
    ]);
    if (leadAnswer.status === 'rejected') throw leadAnswer.reason;
    const [lead] = leadAnswer.value;
    requireWriterWithin(caller, lead.ancestry, `Planning an inspection led by ${lead.name}`);
    if (subjectsAnswer.status === 'rejected') throw subjectsAnswer.reason;

    return this.ds.transaction(async (em) => {
      await this.docs.requireAll(em, documentIds);
      const insp = em.create(Inspection, {
        id: newId('Inspection'),
        title,
        leadId: lead.id,
        leadAncestry: lead.ancestry,
        leadAreaId: lead.areaId,
        partners,
        subjectIds,
        startsOn,
        endsOn,
        status: InspectionStatus.PLANNED,
        completedOn: null,
        cancelReason: null,
      });
      await em.insert(Inspection, insp);
      await em.insert(
        InspectionDocument,
        documentIds.map((documentId, position) => ({ inspectionId: insp.id, documentId, position })),
      );
      await this.changed(em, caller, insp, 'PLANNED');
      return insp;
    });
  }

  start(caller: Caller, id: string): Promise<Inspection> {
    return this.transition(caller, id, InspectionAction.START, {});
  }

  complete(caller: Caller, id: string): Promise<Inspection> {
    return this.transition(caller, id, InspectionAction.COMPLETE, { completedOn: todayInVietnam() });
  }

  cancel(caller: Caller, id: string, reason: string): Promise<Inspection> {
    const cancelReason = requiredText(reason, 'reason', 1000);
    return this.transition(caller, id, InspectionAction.CANCEL, { cancelReason });
  }

  async recordFinding(caller: Caller, inspectionId: string, severity: Severity, summary: string): Promise<Inspection> {
    const text = requiredText(summary, 'summary', 4000);
    return this.ds.transaction(async (em) => {
      const insp = await this.lockForRecord(em, caller, inspectionId, 'Recording a finding', 'findings');
      const finding = em.create(Finding, { id: newId('Finding'), inspectionId: insp.id, severity, summary: text });
      await em.insert(Finding, finding);
      await this.touch(em, insp);
      await this.changed(em, caller, insp, 'FINDING_RECORDED', { findingId: finding.id, severity });
      return insp;
    });
  }

  async recommend(
    caller: Caller,
    inspectionId: string,
    text: string,
    responsibleId: string,
    dueOn: string | null,
    directory: DirectoryLoaders['organizationInfo'],
  ): Promise<Inspection> {
    requireId('Inspection', inspectionId, 'inspectionId');
    const body = requiredText(text, 'text', 4000);
    const due = dueOn ? plausibleDate(dueOn, 'dueOn') : null;
    const [responsible] = await requireOrganizations(directory, [responsibleId], 'responsibleId');
    return this.ds.transaction(async (em) => {
      const insp = await this.lockForRecord(em, caller, inspectionId, 'Recording a recommendation', 'recommendations');
      if (due && due < insp.startsOn) throw badInput(`dueOn ${due} is before the inspection starts (${insp.startsOn})`, { argument: 'dueOn' });
      const rec = em.create(Recommendation, {
        id: newId('Recommendation'),
        inspectionId: insp.id,
        text: body,
        responsibleId: responsible.id,
        responsibleAncestry: responsible.ancestry,
        responsibleAreaId: responsible.areaId,
        dueOn: due,
        status: RecommendationStatus.OPEN,
        resolvedOn: null,
      });
      await em.insert(Recommendation, rec);
      await this.touch(em, insp);
      await this.changed(em, caller, insp, 'RECOMMENDED', { recommendationId: rec.id });
      await this.outbox.append(em, caller, {
        type: EventType.RECOMMENDATION_CHANGED,
        subjectId: rec.id,
        areaId: rec.responsibleAreaId,
        payload: { status: rec.status, inspectionId: insp.id, responsibleId: rec.responsibleId },
      });
      return insp;
    });
  }

  /** Loads the inspection under a row lock and lets only its lead's writers (ADMIN, OFFICER in the lead's subtree) go on. */
  private async lockForWrite(em: EntityManager, caller: Caller, id: string, argument: string, action: string): Promise<Inspection> {
    requireId('Inspection', id, argument);
    const insp = await em.findOne(Inspection, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!insp) throw notFound('Inspection', id);
    requireWriterWithin(caller, insp.leadAncestry, `${action} on inspection "${insp.title}"`);
    return insp;
  }

  private async lockForRecord(em: EntityManager, caller: Caller, id: string, action: string, what: string): Promise<Inspection> {
    const insp = await this.lockForWrite(em, caller, id, 'inspectionId', action);
    if (!acceptsRecords(insp.status)) {
      throw conflict(`Inspection "${insp.title}" is ${insp.status}: ${what} are recorded only while it is ${InspectionStatus.IN_PROGRESS}`, {
        currentStatus: insp.status,
      });
    }
    return insp;
  }

  private async transition(
    caller: Caller,
    id: string,
    action: InspectionAction,
    changes: Partial<Pick<Inspection, 'completedOn' | 'cancelReason'>>,
  ): Promise<Inspection> {
    return this.ds.transaction(async (em) => {
      const insp = await this.lockForWrite(em, caller, id, 'id', `Changing the status (${action})`);
      const next = nextInspectionStatus(insp.status, action);
      if (!next) {
        throw conflict(`Inspection "${insp.title}" is ${insp.status}: it can be ${VERB[action]} only while it is ${statusesAllowing(action).join(' or ')}`, {
          currentStatus: insp.status,
        });
      }
      Object.assign(insp, changes, { status: next });
      await em.update(Inspection, { id: insp.id }, { status: next, ...changes, updatedAt: () => 'now()' });
      await this.changed(em, caller, insp, VERB[action].toUpperCase());
      return insp;
    });
  }

  private touch(em: EntityManager, insp: Inspection): Promise<unknown> {
    return em.update(Inspection, { id: insp.id }, { updatedAt: () => 'now()' });
  }

  private changed(em: EntityManager, caller: Caller, insp: Inspection, change: string, extra: Record<string, unknown> = {}): Promise<void> {
    return this.outbox.append(em, caller, {
      type: EventType.INSPECTION_CHANGED,
      subjectId: insp.id,
      areaId: insp.leadAreaId,
      payload: { status: insp.status, change, ...extra },
    });
  }
}
