import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Year-end membership figures per organisation (its own members only), maintained in the same
 * transaction as every membership change. Figures are additive over organisations (a member belongs
 * to one organisation at a year end), so a subtree's figures are a sum over at most a few thousand rows.
 */
export class OrgYearStats1765200000000 implements MigrationInterface {
  name = 'OrgYearStats1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE org_year_stats (
  organization_id text NOT NULL REFERENCES organizations(id),
  year int NOT NULL,
  members int NOT NULL,
  active int NOT NULL,
  active_with_card int NOT NULL,
  active_paid int NOT NULL,
  cards_issued int NOT NULL,
  fees bigint NOT NULL,
  PRIMARY KEY (year, organization_id)
);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE org_year_stats');
  }
}
