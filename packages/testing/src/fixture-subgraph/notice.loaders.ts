import type DataLoader from 'dataloader';
import { groupedLoader } from '@khg/platform';
import type { Notice } from './notice.entity';
import type { NoticeService } from './notice.service';

export interface NoticeLoaders {
  noticesByOrganization: DataLoader<string, Notice[]>;
}

export const noticeLoaders = (notices: NoticeService): NoticeLoaders => ({
  noticesByOrganization: groupedLoader(
    (ids) => notices.byOrganizations(ids),
    (n) => n.organizationId,
  ),
});
