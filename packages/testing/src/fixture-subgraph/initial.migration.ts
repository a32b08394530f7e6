import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_SQL } from '@khg/platform';

export class NoticesInitial1766000000000 implements MigrationInterface {
  name = 'NoticesInitial1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notices (id text PRIMARY KEY, organization_id text NOT NULL, title text NOT NULL);
${OUTBOX_SQL}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_events, notices');
  }
}
