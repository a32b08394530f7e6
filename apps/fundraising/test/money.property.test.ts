import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { codes, createTree, graph, sql, type GraphQLResult } from '@khg/testing';
import { GRANT, RECORD, VOID, awardInput, openFund } from './helpers';

/**
 * Money invariants by property: random sequences of donations (some retried with their key, at the
 * same moment), voids, awards and transfers, some of them concurrent, through the gateway against
 * the real database. Whatever the sequence, after it: every fund's ledger sums to its balance, no
 * balance is negative, receipt numbers are 1..n, each key is recorded once, and the maintained year
 * totals equal the live sums. A refusal may only be CONFLICT (not enough money, already voided).
 */
const SEED = 19;
const RUNS = 200;

type Op =
  | { kind: 'donate'; fund: number; amount: number; year: number; retry: boolean }
  | { kind: 'void'; pick: number }
  | { kind: 'award'; fund: number; amount: number; year: number }
  | { kind: 'transfer'; from: number; to: number; amount: number };
type Step = Op | { kind: 'together'; ops: [Op, Op] };

const amount = fc.integer({ min: 1, max: 500_000 });
const fundIx = fc.integer({ min: 0, max: 2 });
const year = fc.constantFrom(2018, 2019);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('donate' as const), fund: fundIx, amount, year, retry: fc.boolean() }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('award' as const), fund: fundIx, amount, year }),
  fc.record({ kind: fc.constant('transfer' as const), from: fundIx, to: fundIx, amount }).filter((t) => t.from !== t.to),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: op },
  { weight: 1, arbitrary: fc.tuple(op, op).map((ops) => ({ kind: 'together' as const, ops })) },
);

describe('money invariants (property, fixed seed)', () => {
  it(`hold after ${RUNS} random sequences of donations, retries, voids, awards and transfers`, async () => {
    const t = await createTree(1, 1);
    const funds = [(await openFund(t.provinceOrg.id)).id, (await openFund(t.districtOrgs[0].id)).id, (await openFund(t.communeOrgs[0].id)).id];
    const donations: string[] = [];
    const keys: string[] = [];
    let steps = 0;
    let refusals = 0;

    /** Only CONFLICT may refuse a well-formed operation; anything else fails the property. */
    const accepted = (r: GraphQLResult<unknown>): boolean => {
      if (!r.errors?.length) return true;
      expect(codes(r)).toEqual(['CONFLICT']);
      refusals++;
      return false;
    };

    const run = async (o: Op): Promise<void> => {
      if (o.kind === 'donate') {
        const key = randomUUID();
        keys.push(key);
        const i = { fundId: funds[o.fund], donorName: 'Nhà hảo tâm', amount: o.amount, receivedOn: `${o.year}-05-10`, method: 'CASH', idempotencyKey: key };
        // A retry sent at the same moment as the original: both answer with the one donation.
        const answers = await Promise.all((o.retry ? [1, 2] : [1]).map(() => graph(RECORD, { i })));
        for (const a of answers) expect(a.errors).toBeUndefined();
        expect(new Set(answers.map((a) => a.data!.recordDonation.id)).size).toBe(1);
        donations.push(answers[0].data!.recordDonation.id);
      } else if (o.kind === 'void') {
        if (!donations.length) return;
        accepted(await graph(VOID, { id: donations[o.pick % donations.length], r: 'ghi nhầm, hủy' }));
      } else if (o.kind === 'award') {
        accepted(await graph(GRANT, { i: awardInput(funds[o.fund], t.communes[0].id, o.amount, { awardedOn: `${o.year}-09-05` }) }));
      } else {
        accepted(
          await graph(
            `mutation($f: ID!, $t: ID!, $a: Vnd!) { transferFund(fromFundId: $f, toFundId: $t, on: "2019-06-01", reason: "điều chuyển quỹ", amount: $a) { amount } }`,
            { f: funds[o.from], t: funds[o.to], a: o.amount },
          ),
        );
      }
    };

    const invariants = async () => {
      const f = await sql<{ id: string; balance: string; ledger: string; issued: number; receipts: number; max_seq: number | null }>(
        `
        SELECT f.id, f.balance::text AS balance, f.receipts_issued AS issued,
          (SELECT coalesce(sum(amount), 0)::text FROM fundraising.ledger_entries l WHERE l.fund_id = f.id) AS ledger,
          (SELECT count(DISTINCT receipt_seq)::int FROM fundraising.donations d WHERE d.fund_id = f.id) AS receipts,
          (SELECT max(receipt_seq)::int FROM fundraising.donations d WHERE d.fund_id = f.id) AS max_seq
        FROM fundraising.funds f WHERE f.id = ANY($1) ORDER BY f.id`,
        [funds],
      );
      expect(f).toHaveLength(3);
      for (const x of f) {
        expect(x.ledger).toBe(x.balance);
        expect(BigInt(x.balance) >= 0n).toBe(true);
        expect([x.receipts, x.max_seq ?? 0]).toEqual([x.issued, x.issued]);
      }
      const [k] = await sql<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS distinct FROM fundraising.donations WHERE idempotency_key = ANY($1)',
        [keys],
      );
      expect(k).toEqual({ n: keys.length, distinct: keys.length });
      // The maintained year totals against the live sums over the ledger and the donations.
      const live = await sql(
        `
        SELECT y.*, (SELECT coalesce(sum(d.amount), 0)::text FROM fundraising.donations d WHERE d.fund_id = y.fund_id AND NOT d.voided
             AND extract(year FROM d.received_on)::int = y.year) AS donated
        FROM (SELECT l.fund_id, extract(year FROM l.entry_on)::int AS year,
          coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('DONATION', 'VOID')), 0)::text AS raised,
          coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'AWARD'), 0)::text AS awarded, sum(l.amount)::text AS net
        FROM fundraising.ledger_entries l WHERE l.fund_id = ANY($1) GROUP BY 1, 2) y ORDER BY 1, 2`,
        [funds],
      );
      const kept = await sql(
        `SELECT fund_id, year, raised::text AS raised, awarded::text AS awarded, net::text AS net
        FROM fundraising.fund_year_totals WHERE fund_id = ANY($1) AND (raised <> 0 OR awarded <> 0 OR net <> 0) ORDER BY 1, 2`,
        [funds],
      );
      // (a year whose donations were all voided nets to zero in both: compare the years with money)
      expect(kept).toEqual(live.filter((r) => r.raised !== '0' || r.awarded !== '0' || r.net !== '0').map(({ donated: _d, ...r }) => r));
      for (const r of live) expect(r.raised).toBe(r.donated);
    };

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (sequence) => {
        for (const s of sequence) {
          steps++;
          if (s.kind === 'together') await Promise.all(s.ops.map(run));
          else await run(s);
        }
        await invariants();
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The run exercised what it claims: refusals happened (overdrafts, second voids) and money moved.
    expect(steps).toBeGreaterThan(RUNS);
    expect(refusals).toBeGreaterThan(0);
    expect(donations.length).toBeGreaterThan(50);
    console.log(`money property: seed ${SEED}, ${RUNS} sequences, ${steps} steps, ${donations.length} donations, ${refusals} refusals (CONFLICT)`);
  }, 300_000);
});
