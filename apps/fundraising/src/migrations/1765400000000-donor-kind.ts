import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A donor is a person (whose name is personal data) or an organisation (whose name is not). */
export class DonorKind1765400000000 implements MigrationInterface {
  name = 'DonorKind1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations ADD COLUMN donor_kind text NOT NULL DEFAULT 'PERSON'
      CONSTRAINT donations_donor_kind CHECK (donor_kind IN ('PERSON', 'ORGANIZATION'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE donations DROP COLUMN donor_kind');
  }
}
