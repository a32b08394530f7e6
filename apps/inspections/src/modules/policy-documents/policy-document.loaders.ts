import { keyedLoader } from '@khg/platform';
import type { PolicyDocumentService } from './policy-document.service';

export function policyDocumentLoaders(docs: PolicyDocumentService) {
  return {
    policyDocument: keyedLoader(
      (ids: readonly string[]) => docs.byIds(ids),
      (d) => d.id,
    ),
  };
}
export type PolicyDocumentLoaders = ReturnType<typeof policyDocumentLoaders>;
