import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Notice } from './notice.entity';

export class NoticeService {
  constructor(private readonly ds: DataSource) {}

  all(): Promise<Notice[]> {
    return this.ds.getRepository(Notice).find({ order: { title: 'ASC' } });
  }

  byOrganizations(ids: readonly string[]): Promise<Notice[]> {
    return this.ds
      .getRepository(Notice)
      .createQueryBuilder('n')
      .where('n.organization_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('n.title')
      .getMany();
  }

  post(organizationId: string, title: string): Promise<Notice> {
    return this.ds.getRepository(Notice).save({ id: `ntc_${randomUUID()}`, organizationId, title });
  }
}
