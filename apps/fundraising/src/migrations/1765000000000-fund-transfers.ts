import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fund transfers (issue 10): a dissolved association's fund moves to its successor as a
 * TRANSFER_OUT / TRANSFER_IN pair of ledger entries, both pointing at one fund_transfers row.
 */
export class FundTransfers1765000000000 implements MigrationInterface {
  name = 'FundTransfers1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE fund_transfers (
  id text PRIMARY KEY,
  from_fund_id text NOT NULL REFERENCES funds(id),
  to_fund_id text NOT NULL REFERENCES funds(id),
  amount bigint NOT NULL CHECK (amount > 0),
  transferred_on date NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_fund_id <> to_fund_id)
);
CREATE INDEX fund_transfers_from ON fund_transfers (from_fund_id);
CREATE INDEX fund_transfers_to ON fund_transfers (to_fund_id);
ALTER TABLE ledger_entries ADD COLUMN transfer_id text REFERENCES fund_transfers(id);
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_transfer_kind
  CHECK ((kind IN ('TRANSFER_IN','TRANSFER_OUT')) = (transfer_id IS NOT NULL)) NOT VALID;
CREATE UNIQUE INDEX ledger_entries_one_per_transfer_side ON ledger_entries (transfer_id, kind) WHERE transfer_id IS NOT NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_transfer_kind; DROP INDEX ledger_entries_one_per_transfer_side;
ALTER TABLE ledger_entries DROP COLUMN transfer_id; DROP TABLE fund_transfers;`);
  }
}
