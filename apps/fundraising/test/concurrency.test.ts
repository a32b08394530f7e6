import { codes, createTree, graph, sql } from '@khg/testing';
import { GRANT, VOID, awardInput, donate, openFund } from './helpers';

// Money writes that race each other through the gateway: every fund is locked in the same order,
// so whichever comes second sees what the first did. Each race runs several rounds on fresh funds
// so the requests really overlap at least once; every round must end with exactly one winner.

const TRANSFER = `mutation($f: ID!, $t: ID!, $a: Vnd) {
  transferFund(fromFundId: $f, toFundId: $t, on: "2025-07-01", reason: "Chuyển quỹ", amount: $a) { id amount }
}`;
const ROUNDS = 4;

/** Each fund's balance and the sum of its ledger, both as text (bigint). */
async function books(ids: string[]): Promise<{ id: string; balance: string; ledger: string }[]> {
  return sql(
    `SELECT f.id, f.balance::text AS balance, coalesce(sum(l.amount), 0)::text AS ledger
    FROM fundraising.funds f LEFT JOIN fundraising.ledger_entries l ON l.fund_id = f.id WHERE f.id = ANY($1) GROUP BY f.id ORDER BY f.id`,
    [ids],
  );
}

async function expectBooksBalanced(ids: string[]): Promise<Map<string, string>> {
  const rows = await books(ids);
  expect(rows).toHaveLength(ids.length);
  for (const r of rows) {
    expect(r.ledger).toBe(r.balance);
    expect(BigInt(r.balance) >= 0n).toBe(true);
  }
  return new Map(rows.map((r) => [r.id, r.balance]));
}

describe('money under concurrency', () => {
  it('lets only one of two transfers through when the fund can afford one', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = await createTree(1, 2);
      const from = await openFund(t.districtOrgs[0].id);
      const [b, c] = [await openFund(t.communeOrgs[0].id), await openFund(t.communeOrgs[1].id)];
      await donate(from.id, 100_000);
      const results = await Promise.all([graph(TRANSFER, { f: from.id, t: b.id, a: 80_000 }), graph(TRANSFER, { f: from.id, t: c.id, a: 80_000 })]);
      const refused = results.map((r) => codes(r));
      expect(refused.flat()).toEqual(['CONFLICT']);
      const loser = results.find((r) => r.errors)!;
      expect(loser.errors![0].message).toContain('holds 20000 đồng, less than 80000');
      const balances = await expectBooksBalanced([from.id, b.id, c.id]);
      expect(balances.get(from.id)).toBe('20000');
      expect([balances.get(b.id), balances.get(c.id)].sort()).toEqual(['0', '80000']);
      const transfers = await sql(
        `SELECT count(DISTINCT transfer_id)::int AS n FROM fundraising.ledger_entries WHERE fund_id = $1 AND transfer_id IS NOT NULL`,
        [from.id],
      );
      expect(transfers[0].n).toBe(1);
    }
  });

  it('lets either a void or an award through when both would spend the same money, never both', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = await createTree(1, 1);
      const fund = await openFund(t.districtOrgs[0].id);
      const gift = await donate(fund.id, 100_000);
      const [voided, awarded] = await Promise.all([
        graph(VOID, { id: gift.id, r: 'Nhập trùng phiếu thu' }),
        graph(GRANT, { i: awardInput(fund.id, t.communes[0].id, 100_000) }),
      ]);
      expect([...codes(voided), ...codes(awarded)]).toEqual(['CONFLICT']);
      // Which one wins is up to the scheduler; each outcome is checked whichever occurs.
      const voidWon = !voided.errors;
      // The loser says why in words a person can act on.
      if (voidWon) expect(awarded.errors![0].message).toContain('would overdraw it');
      else expect(voided.errors![0].message).toContain('would take');
      const balances = await expectBooksBalanced([fund.id]);
      expect(balances.get(fund.id)).toBe('0');
      const [d] = await sql(`SELECT voided FROM fundraising.donations WHERE id = $1`, [gift.id]);
      expect(d.voided).toBe(voidWon);
      const [a] = await sql(`SELECT count(*)::int AS n FROM fundraising.awards WHERE fund_id = $1`, [fund.id]);
      expect(a.n).toBe(voidWon ? 0 : 1);
    }
  });

  it('voids a donation once when two voids race', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const t = await createTree(1, 1);
      const fund = await openFund(t.districtOrgs[0].id);
      const gift = await donate(fund.id, 70_000);
      await donate(fund.id, 30_000);
      const results = await Promise.all([graph(VOID, { id: gift.id, r: 'Nhập trùng lần một' }), graph(VOID, { id: gift.id, r: 'Nhập trùng lần hai' })]);
      expect(results.flatMap((r) => codes(r))).toEqual(['CONFLICT']);
      expect(results.find((r) => r.errors)!.errors![0].message).toContain('was already voided');
      const balances = await expectBooksBalanced([fund.id]);
      expect(balances.get(fund.id)).toBe('30000');
      const voids = await sql(`SELECT count(*)::int AS n FROM fundraising.ledger_entries WHERE donation_id = $1 AND kind = 'VOID'`, [gift.id]);
      expect(voids[0].n).toBe(1);
      const events = await sql(`SELECT count(*)::int AS n FROM fundraising.outbox_events WHERE subject_id = $1 AND type = 'DONATION_VOIDED'`, [gift.id]);
      expect(events[0].n).toBe(1);
    }
  });
});
