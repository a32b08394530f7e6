import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_SQL } from '@khg/platform';

/** Areas over time, the organisation tree, members with history, cards, fees, Charter orders. */
export class Initial1764600000000 implements MigrationInterface {
  name = 'Initial1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE areas (
  id text PRIMARY KEY,
  code text NOT NULL,
  name text NOT NULL,
  kind text,
  level text NOT NULL CHECK (level IN ('PROVINCE','DISTRICT','COMMUNE','VILLAGE')),
  parent_id text REFERENCES areas(id),
  path ltree NOT NULL,
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX areas_path ON areas USING gist (path);
CREATE INDEX areas_parent ON areas (parent_id);
CREATE INDEX areas_code ON areas (code);
CREATE UNIQUE INDEX areas_current_code ON areas (code) WHERE valid_to IS NULL;

CREATE TABLE area_statistics (
  area_id text NOT NULL REFERENCES areas(id),
  year int NOT NULL,
  population int NOT NULL CHECK (population >= 0),
  households int NOT NULL CHECK (households >= 0),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (area_id, year)
);

CREATE TABLE organizations (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ASSOCIATION','BRANCH','BOARD')),
  host text NOT NULL,
  area_id text NOT NULL REFERENCES areas(id),
  parent_id text REFERENCES organizations(id),
  path ltree NOT NULL,
  founded_on date,
  closed_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_path ON organizations USING gist (path);
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE INDEX organizations_area ON organizations (area_id);

CREATE TABLE members (
  id text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id),
  full_name text NOT NULL,
  search_name text NOT NULL,
  gender text CHECK (gender IN ('FEMALE','MALE','OTHER')),
  birth_year int,
  phone text,
  joined_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('ACTIVE','LAPSED','RESIGNED','DECEASED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX members_organization ON members (organization_id, id);
CREATE INDEX members_search ON members USING gin (search_name gin_trgm_ops);

CREATE TABLE membership_periods (
  id bigserial PRIMARY KEY,
  member_id text NOT NULL REFERENCES members(id),
  organization_id text NOT NULL REFERENCES organizations(id),
  from_date date NOT NULL,
  to_date date,
  reason text,
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX membership_periods_member ON membership_periods (member_id, from_date);
CREATE INDEX membership_periods_organization ON membership_periods (organization_id, from_date);
CREATE UNIQUE INDEX membership_periods_open ON membership_periods (member_id) WHERE to_date IS NULL;

CREATE TABLE member_status_changes (
  id bigserial PRIMARY KEY,
  member_id text NOT NULL REFERENCES members(id),
  status text NOT NULL,
  changed_on date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_status_changes_member ON member_status_changes (member_id, changed_on DESC, id DESC);

CREATE SEQUENCE card_number_seq START 1;
CREATE TABLE member_cards (
  id bigserial PRIMARY KEY,
  member_id text NOT NULL REFERENCES members(id),
  number text NOT NULL UNIQUE,
  issued_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('ACTIVE','REVOKED','LOST')),
  retired_on date
);
CREATE UNIQUE INDEX member_cards_one_active ON member_cards (member_id) WHERE status = 'ACTIVE';
CREATE INDEX member_cards_member ON member_cards (member_id, id DESC);

CREATE TABLE fee_payments (
  id text PRIMARY KEY,
  member_id text NOT NULL REFERENCES members(id),
  organization_id text NOT NULL REFERENCES organizations(id),
  year int NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  paid_on date NOT NULL,
  receipt_number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (member_id, year)
);
CREATE INDEX fee_payments_organization_year ON fee_payments (organization_id, year);

CREATE TABLE charter_orders (
  id text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations(id),
  quantity int NOT NULL CHECK (quantity > 0),
  ordered_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('ORDERED','DELIVERED','CANCELLED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX charter_orders_organization ON charter_orders (organization_id);
${OUTBOX_TABLE_SQL}
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_events, charter_orders, fee_payments, member_cards, member_status_changes,
      membership_periods, members, organizations, area_statistics, areas; DROP SEQUENCE card_number_seq;`);
  }
}
