import { codes, createTree, graph, graphOk, sql, tokenFor } from '@khg/testing';
import { Role } from '@khg/domain';
import { donate, openFund } from './helpers';

const TRANSFER = `mutation($f: ID!, $t: ID!, $a: Vnd, $on: Date!) {
  transferFund(fromFundId: $f, toFundId: $t, on: $on, reason: "Chuyển quỹ khi sáp nhập", amount: $a) { id amount from { id balance } to { id balance } }
}`;

async function ledgers(ids: string[]) {
  return sql(
    `SELECT f.id, f.balance::text AS balance, coalesce(sum(l.amount), 0)::text AS ledger
    FROM fundraising.funds f LEFT JOIN fundraising.ledger_entries l ON l.fund_id = f.id WHERE f.id = ANY($1) GROUP BY f.id`,
    [ids],
  );
}

describe('fund transfers', () => {
  it('never deadlocks on opposite transfers and keeps every ledger equal to its balance', async () => {
    const t = await createTree(1, 2);
    const a = await openFund(t.communeOrgs[0].id);
    const b = await openFund(t.communeOrgs[1].id);
    await donate(a.id, 1_000_000);
    await donate(b.id, 1_000_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        graph(TRANSFER, i % 2 ? { f: a.id, t: b.id, a: 50_000, on: '2025-07-01' } : { f: b.id, t: a.id, a: 30_000, on: '2025-07-01' }),
      ),
    );
    expect(results.flatMap((r) => codes(r))).toEqual([]);
    const rows = await ledgers([a.id, b.id]);
    for (const r of rows) expect(r.balance).toBe(r.ledger);
    const total = rows.reduce((s, r) => s + Number(r.balance), 0);
    expect(total).toBe(2_000_000);
    const pairs = await sql(
      `SELECT transfer_id, sum(amount)::text AS net, count(*)::int AS n FROM fundraising.ledger_entries
      WHERE fund_id = ANY($1) AND transfer_id IS NOT NULL GROUP BY transfer_id`,
      [[a.id, b.id]],
    );
    expect(pairs).toHaveLength(10);
    for (const p of pairs) expect([p.net, p.n]).toEqual(['0', 2]);
  });

  it('refuses an overdraft, the same fund, a future date and a reader, changing nothing', async () => {
    const t = await createTree(1, 2);
    const a = await openFund(t.communeOrgs[0].id);
    const b = await openFund(t.communeOrgs[1].id);
    await donate(a.id, 200_000);
    const before = await ledgers([a.id, b.id]);
    expect(codes(await graph(TRANSFER, { f: a.id, t: b.id, a: 200_001, on: '2025-07-01' }))).toEqual(['CONFLICT']);
    expect(codes(await graph(TRANSFER, { f: a.id, t: a.id, on: '2025-07-01' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await graph(TRANSFER, { f: a.id, t: b.id, on: '2999-01-01' }))).toEqual(['BAD_USER_INPUT']);
    const analyst = await tokenFor({ role: Role.ANALYST });
    expect(codes(await graph(TRANSFER, { f: a.id, t: b.id, on: '2025-07-01' }, { token: analyst }))).toEqual(['FORBIDDEN']);
    expect(await ledgers([a.id, b.id])).toEqual(before);
    // The whole balance moves when no amount is given; the old donation entry is untouched.
    const d = await graphOk(TRANSFER, { f: a.id, t: b.id, on: '2025-07-01' });
    expect(d.transferFund).toMatchObject({ amount: 200_000, from: { balance: 0 }, to: { balance: 200_000 } });
    const kinds = await sql(`SELECT kind, amount::text FROM fundraising.ledger_entries WHERE fund_id = $1 ORDER BY id`, [a.id]);
    expect(kinds).toEqual([
      { kind: 'DONATION', amount: '200000' },
      { kind: 'TRANSFER_OUT', amount: '-200000' },
    ]);
  });
});
