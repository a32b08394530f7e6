import type { MigrationInterface, QueryRunner } from 'typeorm';

/** CITIZEN (Công dân học tập, QĐ 677/QĐ-TTg of 2022) joins the four kinds of the 2018 plan. */
export class CitizenKind1766000000000 implements MigrationInterface {
  name = 'CitizenKind1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE learning_model_entries DROP CONSTRAINT learning_model_entries_kind_check,
  ADD CONSTRAINT learning_model_entries_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT','CITIZEN'));
ALTER TABLE eligible_counts DROP CONSTRAINT eligible_counts_kind_check,
  ADD CONSTRAINT eligible_counts_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT','CITIZEN'));
ALTER TABLE learning_targets DROP CONSTRAINT learning_targets_kind_check,
  ADD CONSTRAINT learning_targets_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT','CITIZEN'));`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE learning_model_entries DROP CONSTRAINT learning_model_entries_kind_check,
  ADD CONSTRAINT learning_model_entries_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT'));
ALTER TABLE eligible_counts DROP CONSTRAINT eligible_counts_kind_check,
  ADD CONSTRAINT eligible_counts_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT'));
ALTER TABLE learning_targets DROP CONSTRAINT learning_targets_kind_check,
  ADD CONSTRAINT learning_targets_kind_check CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT'));`);
  }
}
