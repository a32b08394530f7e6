import { DocumentKind } from '@khg/domain';
import { badInput, type InternalGraphClient } from '@khg/platform';

interface DocumentRow {
  id: string;
  code: string;
  kind: DocumentKind;
}

/**
 * A plan links the signed document registered in inspections, which owns policy documents: the id
 * must name one of kind PLAN. Asked over inspections' API (one call, before anything is written).
 */
export class PlanDocuments {
  /** `null` when the platform runs without an inspections subgraph: the link is then not checked */
  constructor(private readonly inspections: InternalGraphClient | null) {}

  async requirePlan(documentId: string | null): Promise<void> {
    if (!documentId || !this.inspections) return;
    const { policyDocument: doc } = await this.inspections.query<{ policyDocument: DocumentRow | null }>(
      'query($id: ID!) { policyDocument(id: $id) { id code kind } }',
      { id: documentId },
    );
    if (!doc)
      throw badInput(`documentId ${documentId} is not a registered policy document: register the signed plan (kind PLAN) with registerPolicyDocument first`, {
        argument: 'documentId',
      });
    if (doc.kind !== DocumentKind.PLAN)
      throw badInput(`documentId ${documentId} is ${doc.code}, a ${doc.kind}: a work plan links its signed plan, a document of kind PLAN`, {
        argument: 'documentId',
      });
  }
}
