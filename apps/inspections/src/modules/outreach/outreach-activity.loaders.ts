import { groupedLoader, keyedLoader } from '@khg/platform';
import type { OutreachActivityService } from './outreach-activity.service';

export function outreachLoaders(activities: OutreachActivityService) {
  return {
    outreachActivity: keyedLoader(
      (ids: readonly string[]) => activities.byIds(ids),
      (a) => a.id,
    ),
    outreachDocumentLinks: groupedLoader(
      (ids: readonly string[]) => activities.documentLinks(ids),
      (l) => l.activityId,
    ),
  };
}
export type OutreachLoaders = ReturnType<typeof outreachLoaders>;
