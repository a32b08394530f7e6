import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funds with their ledger, campaigns, donations and awards. The first migration (kept as it was
 * shipped) created a bare `funds` table and the outbox; this one completes `funds` in place, so a
 * database that already ran the first keeps working.
 */
export class Ledger1764700000000 implements MigrationInterface {
  name = 'Ledger1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE funds
  ADD COLUMN organization_id text NOT NULL,
  ADD COLUMN area_id text NOT NULL,
  ADD COLUMN area_ancestry text[] NOT NULL,
  -- maintained in the same transaction as every ledger entry, under the fund's row lock; the
  -- CHECK is the last line of defence against an overdraft
  ADD COLUMN balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
  ADD COLUMN receipts_issued int NOT NULL DEFAULT 0 CHECK (receipts_issued >= 0);
ALTER TABLE funds ADD CONSTRAINT funds_one_per_organization UNIQUE (organization_id);
ALTER TABLE funds ADD CONSTRAINT funds_area_is_last CHECK (area_ancestry[cardinality(area_ancestry)] = area_id);
CREATE INDEX funds_area_ancestry ON funds USING gin (area_ancestry);
CREATE INDEX funds_area ON funds (area_id);

CREATE TABLE campaigns (
  id text PRIMARY KEY,
  fund_id text NOT NULL REFERENCES funds(id),
  name text NOT NULL,
  year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  per_capita_target bigint CHECK (per_capita_target > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX campaigns_fund_year_name ON campaigns (fund_id, year, lower(name));
CREATE INDEX campaigns_year ON campaigns (year, fund_id);

CREATE TABLE donations (
  id text PRIMARY KEY,
  fund_id text NOT NULL REFERENCES funds(id),
  campaign_id text REFERENCES campaigns(id),
  donor_name text NOT NULL,
  donor_member_id text,
  amount bigint NOT NULL CHECK (amount > 0),
  received_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('CASH','BANK_TRANSFER','IN_KIND')),
  receipt_seq int NOT NULL CHECK (receipt_seq > 0),
  receipt_number text NOT NULL,
  idempotency_key text NOT NULL,
  voided boolean NOT NULL DEFAULT false,
  void_reason text,
  voided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT donations_idempotency_key UNIQUE (idempotency_key),
  CONSTRAINT donations_receipt_seq UNIQUE (fund_id, receipt_seq),
  CONSTRAINT donations_receipt_number UNIQUE (fund_id, receipt_number),
  CHECK (voided = (void_reason IS NOT NULL))
);
CREATE INDEX donations_fund_received ON donations (fund_id, received_on) WHERE NOT voided;
CREATE INDEX donations_campaign ON donations (campaign_id) WHERE NOT voided;
CREATE INDEX donations_donor_member ON donations (donor_member_id) WHERE donor_member_id IS NOT NULL;

CREATE TABLE awards (
  id text PRIMARY KEY,
  fund_id text NOT NULL REFERENCES funds(id),
  category text NOT NULL CHECK (category IN ('POOR_STUDENT_EXCELLENCE','EXCELLENT_STUDENT','LIFELONG_LEARNER','TEACHER')),
  recipient_name text NOT NULL,
  area_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  awarded_on date NOT NULL,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX awards_fund_awarded ON awards (fund_id, awarded_on);

-- Append-only: money is never updated or deleted here; a void is a compensating entry.
CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  fund_id text NOT NULL REFERENCES funds(id),
  kind text NOT NULL CHECK (kind IN ('DONATION','VOID','AWARD','TRANSFER_IN','TRANSFER_OUT')),
  amount bigint NOT NULL CHECK (amount <> 0),
  entry_on date NOT NULL,
  donation_id text REFERENCES donations(id),
  award_id text REFERENCES awards(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind IN ('DONATION','TRANSFER_IN')) = (amount > 0)),
  CHECK ((kind IN ('DONATION','VOID')) = (donation_id IS NOT NULL)),
  CHECK ((kind = 'AWARD') = (award_id IS NOT NULL))
);
CREATE INDEX ledger_entries_fund ON ledger_entries (fund_id, entry_on);
CREATE UNIQUE INDEX ledger_entries_one_void ON ledger_entries (donation_id) WHERE kind = 'VOID';
CREATE UNIQUE INDEX ledger_entries_one_donation ON ledger_entries (donation_id) WHERE kind = 'DONATION';

CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ledger_entries, awards, donations, campaigns; DROP FUNCTION ledger_entries_append_only();
ALTER TABLE funds DROP COLUMN organization_id, DROP COLUMN area_id, DROP COLUMN area_ancestry, DROP COLUMN balance, DROP COLUMN receipts_issued;`);
  }
}
