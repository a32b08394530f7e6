import { randomUUID } from 'node:crypto';
import { codes, countStatements, createArea, createOrganization, graph, graphOk, rowCount, sql } from '@khg/testing';
import { donationInput, openFund } from './helpers';

const RECORD = `mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id receiptNumber amount } }`;

describe('the donation write path', () => {
  it('records a donation in 4 statements in fundraising (6 with the directory lookup), keeping ledger, balance, year totals and outbox', async () => {
    const area = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: area.id });
    const fund = await openFund(org.id);
    await graphOk(RECORD, { i: donationInput(fund.id, 100000) }); // warms the caches a first request fills
    let id = '';
    const counted = await countStatements(async () => {
      id = (await graphOk(RECORD, { i: donationInput(fund.id, 250000) })).recordDonation.id;
    });
    // BEGIN, the write, the event, COMMIT; membership answers the directory lookup
    expect(counted.fundraising).toBe(4);
    expect(counted.fundraising + counted.membership).toBeLessThanOrEqual(6);
    console.info('recordDonation, SQL statements per subgraph:', counted);

    const [row] = await sql(
      `SELECT f.balance::text AS balance, f.receipts_issued,
              (SELECT sum(amount)::text FROM fundraising.ledger_entries WHERE fund_id = f.id) AS ledger,
              (SELECT raised::text FROM fundraising.fund_year_totals WHERE fund_id = f.id AND year = 2018) AS raised
       FROM fundraising.funds f WHERE f.id = $1`,
      [fund.id],
    );
    expect(row).toEqual({ balance: '350000', receipts_issued: 2, ledger: '350000', raised: '350000' });
    expect(await rowCount('fundraising.outbox_events', "type = 'DONATION_RECORDED' AND subject_id = $1", [id])).toBe(1);
    const [d] = await sql(`SELECT receipt_number, receipt_seq FROM fundraising.donations WHERE id = $1`, [id]);
    expect(d).toEqual({ receipt_number: 'PT-000002', receipt_seq: 2 });
  });

  it('replays a retry with the same key, refuses the key for another donation, and writes nothing either time', async () => {
    const area = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: area.id });
    const fund = await openFund(org.id);
    const input = donationInput(fund.id, 120000, { idempotencyKey: randomUUID() });
    const first = (await graphOk(RECORD, { i: input })).recordDonation;
    const retry = (await graphOk(RECORD, { i: input })).recordDonation;
    expect(retry).toEqual(first);
    const other = await graph(RECORD, { i: { ...input, amount: 130000 } });
    expect(codes(other)).toEqual(['CONFLICT']);
    expect(other.errors![0].message).toContain('amount');
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [fund.id])).toBe(1);
    expect(await rowCount('fundraising.ledger_entries', 'fund_id = $1', [fund.id])).toBe(1);
    const [f] = await sql(`SELECT balance::text AS balance, receipts_issued FROM fundraising.funds WHERE id = $1`, [fund.id]);
    expect(f).toEqual({ balance: '120000', receipts_issued: 1 });
  });

  it('gives twenty concurrent donations to one fund gapless receipt numbers and a balance equal to the ledger', async () => {
    const area = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: area.id });
    const fund = await openFund(org.id);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => graphOk(RECORD, { i: donationInput(fund.id, 10000 * (i + 1)) })));
    const receipts = answers.map((a) => a.recordDonation.receiptNumber).sort();
    expect(receipts).toEqual(Array.from({ length: 20 }, (_, i) => `PT-${String(i + 1).padStart(6, '0')}`));
    const [f] = await sql(
      `SELECT balance::text AS balance, (SELECT sum(amount)::text FROM fundraising.ledger_entries WHERE fund_id = $1) AS ledger FROM fundraising.funds WHERE id = $1`,
      [fund.id],
    );
    expect(f).toEqual({ balance: String(10000 * 210), ledger: String(10000 * 210) });
  });
});
