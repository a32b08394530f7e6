import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { DocumentKind, EventType } from '@khg/domain';
import { conflict, keysetPage, newId, notFound, orderedBy, requireAdmin, type Caller, type Connection, type Outbox, type SortKey } from '@khg/platform';
import { notInFuture, plausibleDate, requiredText } from '../shared/validate';
import { PolicyDocument, codeKeyOf } from './policy-document.entity';
import type { RegisterPolicyDocumentInput } from './policy-document.input';

// An undated document sorts after every dated one ('infinity' stands for "no date" so the cursor's
// row comparison never meets a NULL); the code, unique regardless of case, then the id break ties.
const OLDEST_ISSUED_FIRST: SortKey<PolicyDocument>[] = [
  { expr: "COALESCE(d.issued_on, 'infinity'::date)", value: (d) => d.issuedOn ?? 'infinity' },
  { expr: 'd.code', value: (d) => d.code },
  { expr: 'd.id', value: (d) => d.id },
];

export class PolicyDocumentService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  byIds(ids: readonly string[]): Promise<PolicyDocument[]> {
    return this.ds.getRepository(PolicyDocument).findBy({ id: In([...ids]) });
  }

  byCode(code: string): Promise<PolicyDocument | null> {
    return this.ds.getRepository(PolicyDocument).findOneBy({ codeKey: codeKeyOf(code) });
  }

  /** Documents by issue date (undated last), then code; optionally of one kind (at most 2,000: page with `page`). */
  list(kind: DocumentKind | null): Promise<PolicyDocument[]> {
    return orderedBy(this.ofKind(kind), OLDEST_ISSUED_FIRST, 'ASC').limit(2000).getMany();
  }

  /** The same list a page at a time. */
  page(f: { kind?: DocumentKind | null; first?: number | null; after?: string | null }): Promise<Connection<PolicyDocument>> {
    return keysetPage(this.ofKind(f.kind ?? null), { keys: OLDEST_ISSUED_FIRST, direction: 'ASC', first: f.first, after: f.after });
  }

  private ofKind(kind: DocumentKind | null): SelectQueryBuilder<PolicyDocument> {
    const qb = this.ds.getRepository(PolicyDocument).createQueryBuilder('d');
    return kind ? qb.where('d.kind = :kind', { kind }) : qb;
  }

  /** Every id must name a registered document (inside the caller's transaction); NOT_FOUND names the first missing one. */
  async requireAll(em: EntityManager, ids: readonly string[]): Promise<PolicyDocument[]> {
    const found = await em.findBy(PolicyDocument, { id: In([...ids]) });
    const byId = new Map(found.map((d) => [d.id, d]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw notFound('PolicyDocument', missing);
    return ids.map((id) => byId.get(id)!);
  }

  async register(caller: Caller, input: RegisterPolicyDocumentInput): Promise<PolicyDocument> {
    requireAdmin(caller, 'Registering a policy document');
    const code = requiredText(input.code, 'code', 60);
    const title = requiredText(input.title, 'title', 500);
    const issuer = requiredText(input.issuer, 'issuer', 200);
    const issuedOn = input.issuedOn ? notInFuture(plausibleDate(input.issuedOn, 'issuedOn'), 'issuedOn') : null;
    return this.ds.transaction(async (em) => {
      const codeKey = codeKeyOf(code);
      const existing = await em.findOneBy(PolicyDocument, { codeKey });
      if (existing) {
        throw conflict(`A document with code ${existing.code} is already registered (${existing.id}: ${existing.title})`, { existingId: existing.id });
      }
      const doc = em.create(PolicyDocument, { id: newId('PolicyDocument'), code, codeKey, title, kind: input.kind, issuer, issuedOn });
      await em.insert(PolicyDocument, doc);
      await this.outbox.append(em, caller, { type: EventType.POLICY_DOCUMENT_REGISTERED, subjectId: doc.id, areaId: null, payload: { code, kind: doc.kind } });
      return doc;
    });
  }
}
