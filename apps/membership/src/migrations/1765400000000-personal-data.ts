import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's rights under Law 91/2025/QH15: when a member's personal data was erased (the row
 * stays, so every count holds), and who read a member's personal fields and when.
 */
export class PersonalData1765400000000 implements MigrationInterface {
  name = 'PersonalData1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE members ADD COLUMN erased_at timestamptz;
CREATE TABLE personal_data_reads (
  id bigserial PRIMARY KEY,
  member_id text NOT NULL REFERENCES members(id),
  reader_sub text NOT NULL,
  reader_role text NOT NULL,
  fields text[] NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_reads_member ON personal_data_reads (member_id, id);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_reads; ALTER TABLE members DROP COLUMN erased_at;');
  }
}
