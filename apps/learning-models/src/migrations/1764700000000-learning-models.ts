import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Learning models: entries with their decision history, eligible counts, targets, the maintained
 * roll-up, Community Learning Centres with yearly evaluations, cadre training courses.
 *
 * Every row placed in the area tree stores `area_ancestry` (area ids, province first, the area
 * itself last) as it was when the row was written: a later reorganisation of the tree does not
 * rewrite past years' figures, and subtree filters are one GIN-indexed `@>` with no call to
 * membership.
 */
export class LearningModels1764700000000 implements MigrationInterface {
  name = 'LearningModels1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE IF EXISTS community_learning_centers;

CREATE TABLE learning_model_entries (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT')),
  name text NOT NULL,
  area_id text NOT NULL,
  area_ancestry text[] NOT NULL CHECK (area_ancestry[cardinality(area_ancestry)] = area_id),
  year int NOT NULL,
  status text NOT NULL CHECK (status IN ('REGISTERED','RECOGNIZED','NOT_RECOGNIZED')),
  decision_number text,
  decided_on date,
  criteria_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'REGISTERED' OR decided_on IS NOT NULL),
  CHECK (status <> 'RECOGNIZED' OR decision_number IS NOT NULL)
);
CREATE INDEX learning_model_entries_ancestry ON learning_model_entries USING gin (area_ancestry);
CREATE INDEX learning_model_entries_year_kind_status ON learning_model_entries (year, kind, status, id);
CREATE INDEX learning_model_entries_year_id ON learning_model_entries (year, id);
CREATE INDEX learning_model_entries_area_year ON learning_model_entries (area_id, year);

-- Every decision and every correction, oldest first: the entry's history.
CREATE TABLE learning_model_decisions (
  id bigserial PRIMARY KEY,
  entry_id text NOT NULL REFERENCES learning_model_entries(id),
  status text NOT NULL CHECK (status IN ('RECOGNIZED','NOT_RECOGNIZED')),
  previous_status text NOT NULL,
  decision_number text,
  decided_on date NOT NULL,
  criteria_code text,
  correction boolean NOT NULL,
  reason text,
  actor_sub text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT correction OR reason IS NOT NULL)
);
CREATE INDEX learning_model_decisions_entry ON learning_model_decisions (entry_id, id);

-- Denominators recorded for the area ITSELF (families of a village, units seated at a district);
-- the roll-up adds the whole subtree, exactly as it does for entries.
CREATE TABLE eligible_counts (
  year int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT')),
  area_id text NOT NULL,
  area_ancestry text[] NOT NULL,
  count int NOT NULL CHECK (count >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, kind, area_id)
);
CREATE INDEX eligible_counts_ancestry ON eligible_counts USING gin (area_ancestry);

CREATE TABLE learning_targets (
  year int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('FAMILY','CLAN','COMMUNITY','UNIT')),
  area_id text NOT NULL,
  area_ancestry text[] NOT NULL,
  target numeric(5,4) NOT NULL CHECK (target >= 0 AND target <= 1),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (year, kind, area_id)
);

-- Maintained aggregate: for every area and every ancestor of an entry's area, the subtree's
-- counts, updated in the same transaction as the change (one INSERT ... ON CONFLICT over
-- unnest(area_ancestry)). Reading Area.learningModels is then a primary-key lookup whatever the
-- number of entries (300,000 families in a province), instead of counting them on every read.
CREATE TABLE rollup_counts (
  area_id text NOT NULL,
  year int NOT NULL,
  kind text NOT NULL,
  -- no CHECK (>= 0) here: PostgreSQL checks the proposed row of INSERT ... ON CONFLICT before
  -- it finds the conflict, and decrements travel as negative proposed rows.
  eligible bigint NOT NULL DEFAULT 0,
  registered int NOT NULL DEFAULT 0,
  recognized int NOT NULL DEFAULT 0,
  not_recognized int NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, year, kind)
);

CREATE TABLE community_learning_centers (
  id text PRIMARY KEY,
  name text NOT NULL,
  area_id text NOT NULL,
  area_ancestry text[] NOT NULL,
  established_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Circular 44: one centre per commune.
CREATE UNIQUE INDEX community_learning_centers_one_per_commune ON community_learning_centers (area_id);
CREATE INDEX community_learning_centers_ancestry ON community_learning_centers USING gin (area_ancestry);

CREATE TABLE center_evaluations (
  center_id text NOT NULL REFERENCES community_learning_centers(id),
  year int NOT NULL,
  grade text NOT NULL CHECK (grade IN ('EXCELLENT','GOOD','AVERAGE','BELOW')),
  evaluated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (center_id, year)
);

CREATE TABLE training_courses (
  id text PRIMARY KEY,
  title text NOT NULL,
  organizer_id text NOT NULL,
  organizer_ancestry text[] NOT NULL,
  area_id text NOT NULL,
  held_on date NOT NULL,
  participants int NOT NULL CHECK (participants > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_courses_held_on ON training_courses (held_on);
CREATE INDEX training_courses_organizer ON training_courses USING gin (organizer_ancestry);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_courses, center_evaluations, community_learning_centers, rollup_counts,
      learning_targets, eligible_counts, learning_model_decisions, learning_model_entries;
      CREATE TABLE community_learning_centers (id text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`);
  }
}
