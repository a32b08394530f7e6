import { codes, createTree, graph, graphOk, rowCount, unique } from '@khg/testing';

// recordDonations: a collection sheet at once, all or nothing, each row still idempotent on its key.

const RECORD = `mutation($i: [RecordDonationInput!]!) { recordDonations(inputs: $i) { id receiptNumber amount } }`;

describe('recordDonations', () => {
  it('records a list with receipts in order, replays known keys, and refuses a list with a bad row whole', async () => {
    const t = await createTree(1, 1);
    const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khuyến học xã") { id } }`, { o: t.communeOrgs[0].id });
    const rows = [100_000, 250_000, 50_000].map((amount, i) => ({
      fundId: openFund.id,
      donorName: `Người ủng hộ ${i}`,
      amount,
      receivedOn: '2018-11-20',
      method: 'CASH',
      idempotencyKey: unique('sheet-key-'),
    }));
    const first = (await graphOk(RECORD, { i: rows })).recordDonations;
    expect(first.map((d: { receiptNumber: string }) => d.receiptNumber)).toEqual(['PT-000001', 'PT-000002', 'PT-000003']);
    // the same sheet again, plus one new row: the three are answered as recorded, one is added
    const extra = { ...rows[0], donorName: 'Người mới', idempotencyKey: unique('sheet-key-') };
    const again = (await graphOk(RECORD, { i: [...rows, extra] })).recordDonations;
    expect(again.map((d: { id: string }) => d.id).slice(0, 3)).toEqual(first.map((d: { id: string }) => d.id));
    expect(again[3].receiptNumber).toBe('PT-000004');
    expect((await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: openFund.id })).fund.balance).toBe(500_000);

    const bad = await graph(RECORD, {
      i: [
        { ...rows[0], idempotencyKey: unique('sheet-key-') },
        { ...rows[1], amount: 0, idempotencyKey: unique('sheet-key-') },
        { ...rows[2], amount: 999 }, // a known key with different content
      ],
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.rows).toEqual([{ index: 1, field: 'amount', message: expect.any(String) }]);
    const conflicting = await graph(RECORD, { i: [{ ...rows[2], amount: 999 }] });
    expect(conflicting.errors![0].extensions!.rows).toEqual([{ index: 0, field: 'idempotencyKey', message: expect.stringMatching(/differs in amount/) }]);
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [openFund.id])).toBe(4);
    expect(await rowCount('fundraising.outbox_events', "type = 'DONATION_RECORDED' AND payload->>'fundId' = $1", [openFund.id])).toBe(4);
  });
});
