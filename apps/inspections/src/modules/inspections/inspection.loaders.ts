import { groupedLoader, keyedLoader } from '@khg/platform';
import type { InspectionService } from './inspection.service';

export function inspectionLoaders(inspections: InspectionService) {
  return {
    inspection: keyedLoader(
      (ids: readonly string[]) => inspections.byIds(ids),
      (i) => i.id,
    ),
    inspectionDocumentLinks: groupedLoader(
      (ids: readonly string[]) => inspections.documentLinks(ids),
      (l) => l.inspectionId,
    ),
    inspectionFindings: groupedLoader(
      (ids: readonly string[]) => inspections.findingsOf(ids),
      (f) => f.inspectionId,
    ),
  };
}
export type InspectionLoaders = ReturnType<typeof inspectionLoaders>;
