import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy documents, inspections with their documents, findings and recommendations, cooperation
 * programmes, outreach activities. Organisations live in membership: their ids (and the ancestry
 * that decides who may write) are kept here as text, never as a foreign key across schemas.
 */
export class Inspections1764700000000 implements MigrationInterface {
  name = 'Inspections1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- the foundation's placeholder (id, name) never held real documents
DROP TABLE IF EXISTS policy_documents;

CREATE TABLE policy_documents (
  id text PRIMARY KEY,
  code text NOT NULL,
  code_key text NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('DIRECTIVE','DECISION','PLAN','CIRCULAR','CHARTER','DISPATCH')),
  issuer text NOT NULL,
  issued_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policy_documents_code_key ON policy_documents (code_key);
CREATE INDEX policy_documents_kind ON policy_documents (kind, issued_on);

CREATE TABLE inspections (
  id text PRIMARY KEY,
  title text NOT NULL,
  lead_id text NOT NULL,
  lead_ancestry text[] NOT NULL,
  lead_area_id text NOT NULL,
  partners text[] NOT NULL DEFAULT '{}',
  subject_ids text[] NOT NULL CHECK (cardinality(subject_ids) > 0),
  starts_on date NOT NULL,
  ends_on date,
  status text NOT NULL CHECK (status IN ('PLANNED','IN_PROGRESS','COMPLETED','CANCELLED')),
  completed_on date,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)),
  CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL))
);
CREATE INDEX inspections_starts_on ON inspections (starts_on, id);
CREATE INDEX inspections_status ON inspections (status, starts_on);
CREATE INDEX inspections_lead ON inspections (lead_id, starts_on);
CREATE INDEX inspections_subjects ON inspections USING gin (subject_ids);

CREATE TABLE inspection_documents (
  inspection_id text NOT NULL REFERENCES inspections(id),
  document_id text NOT NULL REFERENCES policy_documents(id),
  position int NOT NULL,
  PRIMARY KEY (inspection_id, document_id)
);
CREATE INDEX inspection_documents_document ON inspection_documents (document_id);

CREATE TABLE findings (
  id text PRIMARY KEY,
  inspection_id text NOT NULL REFERENCES inspections(id),
  severity text NOT NULL CHECK (severity IN ('INFO','MINOR','MAJOR')),
  summary text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX findings_inspection ON findings (inspection_id, recorded_at, id);

CREATE TABLE recommendations (
  id text PRIMARY KEY,
  inspection_id text NOT NULL REFERENCES inspections(id),
  text text NOT NULL,
  responsible_id text NOT NULL,
  responsible_ancestry text[] NOT NULL,
  responsible_area_id text NOT NULL,
  due_on date,
  status text NOT NULL CHECK (status IN ('OPEN','DONE')),
  resolved_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'DONE') = (resolved_on IS NOT NULL))
);
CREATE INDEX recommendations_inspection ON recommendations (inspection_id, created_at, id);
CREATE INDEX recommendations_responsible ON recommendations (responsible_id, status);

CREATE TABLE cooperation_programs (
  id text PRIMARY KEY,
  title text NOT NULL,
  partner text NOT NULL,
  signed_on date NOT NULL,
  valid_until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= signed_on)
);
CREATE INDEX cooperation_programs_signed_on ON cooperation_programs (signed_on, id);

CREATE TABLE outreach_activities (
  id text PRIMARY KEY,
  organization_id text NOT NULL,
  area_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('MEETING','MEDIA','PUBLICATION','TRAINING','OTHER')),
  held_on date NOT NULL,
  audience int NOT NULL CHECK (audience >= 0),
  summary text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outreach_activities_held_on ON outreach_activities (held_on, id);
CREATE INDEX outreach_activities_organization ON outreach_activities (organization_id, held_on);

CREATE TABLE outreach_documents (
  activity_id text NOT NULL REFERENCES outreach_activities(id),
  document_id text NOT NULL REFERENCES policy_documents(id),
  position int NOT NULL,
  PRIMARY KEY (activity_id, document_id)
);
CREATE INDEX outreach_documents_document ON outreach_documents (document_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outreach_documents, outreach_activities, cooperation_programs, recommendations, findings,
      inspection_documents, inspections, policy_documents;
      CREATE TABLE policy_documents (id text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`);
  }
}
