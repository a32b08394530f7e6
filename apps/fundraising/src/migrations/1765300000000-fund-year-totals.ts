import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per fund and year: raised (donations less voids, by the donation's day), awarded, and the net of
 * every ledger entry (a year-end balance is the sum of nets up to that year). A trigger on the
 * append-only ledger keeps it in the same transaction as every entry, so area roll-ups add up a few
 * rows per fund instead of every donation.
 */
export class FundYearTotals1765300000000 implements MigrationInterface {
  name = 'FundYearTotals1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE fund_year_totals (
  fund_id text NOT NULL REFERENCES funds(id),
  year int NOT NULL,
  raised bigint NOT NULL DEFAULT 0,
  awarded bigint NOT NULL DEFAULT 0,
  net bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (fund_id, year)
);
CREATE FUNCTION fund_year_totals_add() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO fund_year_totals AS t (fund_id, year, raised, awarded, net)
  VALUES (NEW.fund_id, extract(year FROM NEW.entry_on)::int,
          CASE WHEN NEW.kind IN ('DONATION', 'VOID') THEN NEW.amount ELSE 0 END,
          CASE WHEN NEW.kind = 'AWARD' THEN -NEW.amount ELSE 0 END,
          NEW.amount)
  ON CONFLICT (fund_id, year) DO UPDATE
    SET raised = t.raised + excluded.raised, awarded = t.awarded + excluded.awarded, net = t.net + excluded.net;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_year_totals AFTER INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION fund_year_totals_add();
${FILL_FUND_YEAR_TOTALS_SQL}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER ledger_entries_year_totals ON ledger_entries; DROP FUNCTION fund_year_totals_add(); DROP TABLE fund_year_totals;');
  }
}

/** Fills the totals from the ledger (for rows written without the trigger, e.g. bulk loads). */
export const FILL_FUND_YEAR_TOTALS_SQL = `
INSERT INTO fund_year_totals (fund_id, year, raised, awarded, net)
SELECT fund_id, extract(year FROM entry_on)::int,
  coalesce(sum(amount) FILTER (WHERE kind IN ('DONATION', 'VOID')), 0),
  coalesce(-sum(amount) FILTER (WHERE kind = 'AWARD'), 0),
  sum(amount)
FROM ledger_entries GROUP BY fund_id, extract(year FROM entry_on)::int;`;
