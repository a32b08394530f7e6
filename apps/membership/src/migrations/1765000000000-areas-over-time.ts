import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Areas over time (issue 10): codes unique per day instead of among current units only, the
 * parent history of every unit, reorganisations and the lineage they leave, and the history of
 * where organisations sat.
 */
export class AreasOverTime1765000000000 implements MigrationInterface {
  name = 'AreasOverTime1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- A code may be reused once its holder has ceased; two units holding it on the same day may not.
DROP INDEX areas_current_code;
ALTER TABLE areas ADD CONSTRAINT areas_code_once_per_day
  EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[)') WITH &&);

CREATE TABLE area_reorganizations (
  id text PRIMARY KEY,
  decision_number text NOT NULL,
  decided_on date NOT NULL,
  effective_on date NOT NULL,
  changes jsonb NOT NULL,
  opened_ids text[] NOT NULL,
  closed_ids text[] NOT NULL,
  moved_ids text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decided_on <= effective_on)
);

-- Which unit a unit came from: a merge leaves one row per merged unit (share 1), a split one
-- row per part with the share of the old unit's population it took (for comparable series).
CREATE TABLE area_lineage (
  predecessor_id text NOT NULL REFERENCES areas(id),
  successor_id text NOT NULL REFERENCES areas(id),
  reorganization_id text NOT NULL REFERENCES area_reorganizations(id),
  kind text NOT NULL CHECK (kind IN ('MERGE','SPLIT','RENAME')),
  population_share numeric(9,8) NOT NULL CHECK (population_share > 0 AND population_share <= 1),
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX area_lineage_successor ON area_lineage (successor_id);

-- Where a unit lay on each day: areas.parent_id/path hold the latest parent only; a MOVE or an
-- ABOLISH closes a row here and opens another, so trees at a past date stay answerable.
CREATE TABLE area_parents (
  area_id text NOT NULL REFERENCES areas(id),
  parent_id text NOT NULL REFERENCES areas(id),
  valid_from date,
  valid_to date,
  reorganization_id text REFERENCES area_reorganizations(id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from),
  EXCLUDE USING gist (area_id WITH =, daterange(valid_from, valid_to, '[)') WITH &&)
);
CREATE INDEX area_parents_parent ON area_parents (parent_id);
INSERT INTO area_parents (area_id, parent_id, valid_from, valid_to)
  SELECT id, parent_id, valid_from, valid_to FROM areas WHERE parent_id IS NOT NULL;

-- Where an organisation sat, and why it moved or closed.
CREATE TABLE organization_history (
  id bigserial PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id),
  parent_id text REFERENCES organizations(id),
  area_id text NOT NULL REFERENCES areas(id),
  valid_from date,
  valid_to date,
  reason text,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX organization_history_org ON organization_history (organization_id, valid_from);
ALTER TABLE organizations ADD COLUMN successor_id text REFERENCES organizations(id);
INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from, valid_to)
  SELECT id, parent_id, area_id, founded_on, closed_on FROM organizations;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN successor_id;
DROP TABLE organization_history, area_parents, area_lineage, area_reorganizations;
ALTER TABLE areas DROP CONSTRAINT areas_code_once_per_day;
CREATE UNIQUE INDEX areas_current_code ON areas (code) WHERE valid_to IS NULL;`);
  }
}
