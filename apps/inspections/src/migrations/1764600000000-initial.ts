import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_SQL } from '@khg/platform';

export class Initial1764600000000 implements MigrationInterface {
  name = 'Initial1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE policy_documents (id text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
${OUTBOX_TABLE_SQL}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_events, policy_documents');
  }
}
