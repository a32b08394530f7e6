import { admitMember, codes, countStatements, createArea, createOrganization, graph, graphOk, rowCount, sql } from '@khg/testing';
import { RECORD, VOID, donate, donationInput, openFund } from './helpers';

async function freshFund() {
  const province = await createArea({ level: 'PROVINCE' });
  const org = await createOrganization({ areaId: province.id });
  const fund = await openFund(org.id);
  return { province, org, fund };
}

const ledgerSum = async (fundId: string) =>
  (await sql<{ s: string }>('SELECT coalesce(sum(amount), 0)::text AS s FROM fundraising.ledger_entries WHERE fund_id = $1', [fundId]))[0].s;

describe('funds and donations', () => {
  it('opens one fund per organisation, reachable as Organization.fund and Fund.organization', async () => {
    const { org, fund } = await freshFund();
    expect(fund.balance).toBe(0);
    const d = await graphOk(
      `query($o: ID!) { organization(id: $o) { id fund { id name balance organization { id name } } } funds(organizationId: $o) { id } }`,
      { o: org.id },
    );
    expect(d.organization.fund).toEqual({ id: fund.id, name: fund.name, balance: 0, organization: { id: org.id, name: org.name } });
    expect(d.funds).toEqual([{ id: fund.id }]);
    const again = await graph(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ thứ hai") { id } }`, { o: org.id });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(await rowCount('fundraising.funds', 'organization_id = $1', [org.id])).toBe(1);
  });

  it('issues gapless receipt numbers per fund, also under concurrent requests and after a refused one', async () => {
    const { fund } = await freshFund();
    const first = await donate(fund.id, 100_000);
    expect(first.receiptNumber).toBe('PT-000001');
    const refused = await graph(RECORD, { i: donationInput(fund.id, 0) });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    const many = await Promise.all(Array.from({ length: 8 }, () => donate(fund.id, 50_000)));
    const numbers = [first, ...many].map((d) => d.receiptNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 9 }, (_, i) => `PT-${String(i + 1).padStart(6, '0')}`));
    const d = await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: fund.id });
    expect(d.fund.balance).toBe(100_000 + 8 * 50_000);
    expect(await ledgerSum(fund.id)).toBe(String(d.fund.balance));
  });

  it('records a retried donation once: same key and content returns the first, without a new row or event', async () => {
    const { fund } = await freshFund();
    const input = donationInput(fund.id, 2_500_000);
    const events = await rowCount('fundraising.outbox_events');
    const a = await graphOk(RECORD, { i: input });
    const b = await graphOk(RECORD, { i: input });
    expect(b.recordDonation).toEqual(a.recordDonation);
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [fund.id])).toBe(1);
    expect(await rowCount('fundraising.ledger_entries', 'fund_id = $1', [fund.id])).toBe(1);
    expect(await rowCount('fundraising.outbox_events')).toBe(events + 1);
    expect(a.recordDonation.fund.balance).toBe(2_500_000);
  });

  it('answers two identical requests sent at the same moment with one donation', async () => {
    const { fund } = await freshFund();
    const input = donationInput(fund.id, 700_000);
    const results = await Promise.all([graph(RECORD, { i: input }), graph(RECORD, { i: input }), graph(RECORD, { i: input })]);
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.recordDonation.id));
    expect(ids.size).toBe(1);
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [fund.id])).toBe(1);
    expect(await rowCount('fundraising.outbox_events', "type = 'DONATION_RECORDED' AND payload->>'fundId' = $1", [fund.id])).toBe(1);
    const d = await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: fund.id });
    expect(d.fund.balance).toBe(700_000);
  });

  it('refuses the same key with different content as a CONFLICT naming what differs, writing nothing', async () => {
    const { fund } = await freshFund();
    const input = donationInput(fund.id, 1_000_000);
    await graphOk(RECORD, { i: input });
    const events = await rowCount('fundraising.outbox_events');
    const r = await graph(RECORD, { i: { ...input, amount: 10_000_000 } });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].message).toContain('amount');
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [fund.id])).toBe(1);
    expect(await rowCount('fundraising.outbox_events')).toBe(events);
  });

  it('refuses zero, negative, fractional, absurd and future amounts and dates, writing nothing', async () => {
    const { fund } = await freshFund();
    const events = await rowCount('fundraising.outbox_events');
    for (const amount of [0, -5000, 1000.5, '1000000000000000', 2 ** 60]) {
      const r = await graph(RECORD, { i: donationInput(fund.id, amount) });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const future = await graph(RECORD, { i: donationInput(fund.id, 1000, { receivedOn: '2999-01-01' }) });
    expect(codes(future)).toEqual(['BAD_USER_INPUT']);
    const badDate = await graph(RECORD, { i: donationInput(fund.id, 1000, { receivedOn: '2018-02-30' }) });
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    const badKey = await graph(RECORD, { i: donationInput(fund.id, 1000, { idempotencyKey: 'x' }) });
    expect(codes(badKey)).toEqual(['BAD_USER_INPUT']);
    const missingFund = await graph(RECORD, { i: donationInput('fund_0190f0a0-0000-7000-8000-000000000000', 1000) });
    expect(codes(missingFund)).toEqual(['NOT_FOUND']);
    expect(await rowCount('fundraising.donations', 'fund_id = $1', [fund.id])).toBe(0);
    expect(await rowCount('fundraising.outbox_events')).toBe(events);
  });

  it('keeps totals above 2^31 exact', async () => {
    const { fund } = await freshFund();
    const amounts = [1_234_567_891, 987_654_321, 1_500_000_003, 2_147_483_648];
    for (const a of amounts) await donate(fund.id, a);
    const expected = amounts.reduce((s, a) => s + BigInt(a), 0n);
    expect(expected > 2n ** 32n).toBe(true);
    const d = await graphOk(`query($f: ID!) { fund(id: $f) { balance } donations(fundId: $f) { amount } }`, { f: fund.id });
    expect(BigInt(d.fund.balance)).toBe(expected);
    expect(d.donations.map((x: { amount: number }) => x.amount)).toEqual(amounts);
    expect(await ledgerSum(fund.id)).toBe(expected.toString());
  });

  it('voids a donation with a compensating entry, keeps it readable, and refuses a second void', async () => {
    const { fund } = await freshFund();
    const keep = await donate(fund.id, 300_000);
    const wrong = await donate(fund.id, 5_000_000);
    const short = await graph(VOID, { id: wrong.id, r: 'x' });
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    const v = await graphOk(VOID, { id: wrong.id, r: 'Nhập trùng với phiếu PT-000001' });
    expect(v.voidDonation).toMatchObject({
      id: wrong.id,
      voided: true,
      voidReason: 'Nhập trùng với phiếu PT-000001',
      amount: 5_000_000,
      fund: { balance: 300_000 },
    });
    const entries = await sql('SELECT kind, amount::text FROM fundraising.ledger_entries WHERE fund_id = $1 ORDER BY id', [fund.id]);
    expect(entries).toEqual([
      { kind: 'DONATION', amount: '300000' },
      { kind: 'DONATION', amount: '5000000' },
      { kind: 'VOID', amount: '-5000000' },
    ]);
    const events = await rowCount('fundraising.outbox_events');
    const twice = await graph(VOID, { id: wrong.id, r: 'again' });
    expect(codes(twice)).toEqual(['CONFLICT']);
    expect(await rowCount('fundraising.outbox_events')).toBe(events);
    expect(await rowCount('fundraising.ledger_entries', 'fund_id = $1', [fund.id])).toBe(3);
    const list = await graphOk(`query($f: ID!) { donations(fundId: $f) { id voided receiptNumber } }`, { f: fund.id });
    expect(list.donations).toEqual([
      { id: keep.id, voided: false, receiptNumber: 'PT-000001' },
      { id: wrong.id, voided: true, receiptNumber: 'PT-000002' },
    ]);
    await expect(sql('DELETE FROM fundraising.ledger_entries WHERE fund_id = $1', [fund.id])).rejects.toThrow(/append-only/);
  });

  it('pages donations with cursors and fetches them by ids in order', async () => {
    const { fund } = await freshFund();
    const made = [];
    for (let i = 1; i <= 5; i++) made.push(await donate(fund.id, i * 1000));
    const p1 = await graphOk(`query($f: ID!) { donations(fundId: $f, first: 2) { id cursor } }`, { f: fund.id });
    expect(p1.donations.map((d: { id: string }) => d.id)).toEqual([made[0].id, made[1].id]);
    const p2 = await graphOk(`query($f: ID!, $a: String) { donations(fundId: $f, first: 10, after: $a) { id } }`, { f: fund.id, a: p1.donations[1].cursor });
    expect(p2.donations.map((d: { id: string }) => d.id)).toEqual(made.slice(2).map((d) => d.id));
    const missing = 'don_0190f0a0-0000-7000-8000-000000000000';
    const byIds = await graphOk(`query($ids: [ID!]!) { donationsByIds(ids: $ids) { id amount } }`, { ids: [made[3].id, missing, made[0].id] });
    expect(byIds.donationsByIds).toEqual([{ id: made[3].id, amount: 4000 }, null, { id: made[0].id, amount: 1000 }]);
  });
});

describe('campaigns', () => {
  it('launches a campaign, counts its donations, and checks the year and fund of a donation', async () => {
    const { fund } = await freshFund();
    const other = await freshFund();
    const c = await graphOk(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id name year perCapitaTarget raised fund { id } } }`, {
      i: { fundId: fund.id, name: 'Vận động 2018', year: 2018, perCapitaTarget: 50000 },
    });
    expect(c.launchCampaign).toMatchObject({ year: 2018, perCapitaTarget: 50000, raised: 0, fund: { id: fund.id } });
    const campaignId = c.launchCampaign.id;
    await donate(fund.id, 400_000, { campaignId });
    const voided = await donate(fund.id, 100_000, { campaignId });
    await graphOk(VOID, { id: voided.id, r: 'Sai số tiền' });
    const wrongYear = await graph(RECORD, { i: donationInput(fund.id, 1000, { campaignId, receivedOn: '2019-01-02' }) });
    expect(codes(wrongYear)).toEqual(['BAD_USER_INPUT']);
    const wrongFund = await graph(RECORD, { i: donationInput(other.fund.id, 1000, { campaignId }) });
    expect(codes(wrongFund)).toEqual(['BAD_USER_INPUT']);
    const dup = await graph(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`, {
      i: { fundId: fund.id, name: 'vận động 2018', year: 2018 },
    });
    expect(codes(dup)).toEqual(['CONFLICT']);
    const bad = await graph(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`, {
      i: { fundId: fund.id, name: 'X 2018', year: 2018, perCapitaTarget: -1 },
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const d = await graphOk(
      `query($f: ID!) { campaigns(year: 2018, fundId: $f) { id raised } fund(id: $f) { campaigns { id } } donations(campaignId: "${campaignId}") { id campaign { id } } }`,
      { f: fund.id },
    );
    expect(d.campaigns).toEqual([{ id: campaignId, raised: 400_000 }]);
    expect(d.fund.campaigns).toEqual([{ id: campaignId }]);
    expect(d.donations).toHaveLength(2);
  });
});

describe('events', () => {
  it('emits FUND_OPENED, CAMPAIGN_LAUNCHED, DONATION_RECORDED and DONATION_VOIDED at the organisation’s area, with the change', async () => {
    const { province, fund } = await freshFund();
    const c = await graphOk(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`, {
      i: { fundId: fund.id, name: 'Vận động 2019', year: 2019, perCapitaTarget: 55000 },
    });
    const gift = await donate(fund.id, 123_456);
    await graphOk(VOID, { id: gift.id, r: 'Nhầm quỹ' });
    const events = await sql(
      `SELECT type, subject_id, area_id, payload, actor->>'role' AS role FROM fundraising.outbox_events
      WHERE subject_id = ANY($1) ORDER BY seq`,
      [[fund.id, c.launchCampaign.id, gift.id]],
    );
    expect(events).toEqual([
      { type: 'FUND_OPENED', subject_id: fund.id, area_id: province.id, payload: expect.any(Object), role: 'ADMIN' },
      {
        type: 'CAMPAIGN_LAUNCHED',
        subject_id: c.launchCampaign.id,
        area_id: province.id,
        payload: { fundId: fund.id, year: 2019, perCapitaTarget: 55000 },
        role: 'ADMIN',
      },
      {
        type: 'DONATION_RECORDED',
        subject_id: gift.id,
        area_id: province.id,
        payload: { fundId: fund.id, amount: 123456, receiptNumber: 'PT-000001' },
        role: 'ADMIN',
      },
      {
        type: 'DONATION_VOIDED',
        subject_id: gift.id,
        area_id: province.id,
        payload: { fundId: fund.id, amount: 123456, receiptNumber: 'PT-000001' },
        role: 'ADMIN',
      },
    ]);
  });
});

describe('batching', () => {
  it('reads a page of donations with their fund, campaign, donor and organisation in a constant number of statements', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: province.id });
    const fund = await openFund(org.id);
    const c = await graphOk(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`, {
      i: { fundId: fund.id, name: 'Vận động 2018', year: 2018 },
    });
    const member = await admitMember(org.id);
    const page = `query($f: ID!, $n: Int) { donations(fundId: $f, first: $n) { amount fund { balance organization { name fund { id } } campaigns { raised } } campaign { raised } donorMember { fullName } } }`;
    const add = (n: number) =>
      Promise.all(Array.from({ length: n }, () => donate(fund.id, 1000, { campaignId: c.launchCampaign.id, donorMemberId: member.id })));
    await add(3);
    const few = await countStatements(async () => expect((await graphOk(page, { f: fund.id, n: 100 })).donations).toHaveLength(3));
    await add(27);
    const many = await countStatements(async () => expect((await graphOk(page, { f: fund.id, n: 100 })).donations).toHaveLength(30));
    expect(many).toEqual(few);
    console.info('donation page with relations, SQL statements per subgraph (3 and 30 donations):', few, many);
  });

  it('answers the same idempotency key sent at the same moment to two funds with one donation and one CONFLICT', async () => {
    const a = await freshFund();
    const b = await freshFund();
    const input = donationInput(a.fund.id, 10_000);
    const results = await Promise.all([graph(RECORD, { i: input }), graph(RECORD, { i: { ...input, fundId: b.fund.id } })]);
    expect(results.flatMap(codes)).toEqual(['CONFLICT']);
    expect(await rowCount('fundraising.donations', 'idempotency_key = $1', [input.idempotencyKey])).toBe(1);
    expect(await rowCount('fundraising.ledger_entries', 'fund_id = ANY($1)', [[a.fund.id, b.fund.id]])).toBe(1);
  });
});
