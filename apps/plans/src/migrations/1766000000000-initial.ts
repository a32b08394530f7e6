import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_SQL } from '@khg/platform';

/** Work plans (kế hoạch công tác năm): one per organisation and year; every revision kept. */
export class Initial1766000000000 implements MigrationInterface {
  name = 'Initial1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE work_plans (
  id text PRIMARY KEY,
  organization_id text NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  title text NOT NULL,
  document_id text,
  -- [{ number, title, indicators: [{ metric, target }] }], checked by the service
  tasks jsonb NOT NULL,
  revisions int NOT NULL DEFAULT 0,
  adopted_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year)
);
-- what each revision replaced, and why
CREATE TABLE work_plan_revisions (
  plan_id text NOT NULL REFERENCES work_plans(id),
  revision int NOT NULL,
  reason text NOT NULL,
  previous_title text NOT NULL,
  previous_document_id text,
  previous_tasks jsonb NOT NULL,
  revised_by text NOT NULL,
  revised_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, revision)
);
${OUTBOX_SQL}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_events, work_plan_revisions, work_plans');
  }
}
