import { admitMember, codes, createTree, graph, graphOk, rowCount, sql } from '@khg/testing';
import { GRANT, RECORD, VOID, awardInput, donate, donationInput, grant, openFund } from './helpers';

describe('awards', () => {
  it('refuses an award larger than the balance, writing nothing', async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.districtOrgs[0].id);
    await donate(fund.id, 1_000_000);
    const events = await rowCount('fundraising.outbox_events');
    const r = await graph(GRANT, { i: awardInput(fund.id, t.communes[0].id, 1_000_001) });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].message).toContain('1000000');
    expect(await rowCount('fundraising.awards', 'fund_id = $1', [fund.id])).toBe(0);
    expect(await rowCount('fundraising.ledger_entries', "fund_id = $1 AND kind = 'AWARD'", [fund.id])).toBe(0);
    expect(await rowCount('fundraising.outbox_events')).toBe(events);
    const exact = await grant(fund.id, t.communes[0].id, 1_000_000);
    expect(exact.fund.balance).toBe(0);
  });

  it('lets only one of two concurrent awards through when together they exceed the balance', async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.districtOrgs[0].id);
    await donate(fund.id, 1_000_000);
    for (let round = 0; round < 3; round++) {
      const before = (await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: fund.id })).fund.balance as number;
      const half = Math.floor(before / 2) + 1; // two of these overdraw, one fits
      const results = await Promise.all([
        graph(GRANT, { i: awardInput(fund.id, t.districts[0].id, half) }),
        graph(GRANT, { i: awardInput(fund.id, t.districts[0].id, half) }),
      ]);
      const ok = results.filter((r) => !r.errors);
      expect(ok).toHaveLength(1);
      expect(results.flatMap(codes)).toEqual(['CONFLICT']);
      const after = (await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: fund.id })).fund.balance;
      expect(after).toBe(before - half);
    }
    expect(await rowCount('fundraising.awards', 'fund_id = $1', [fund.id])).toBe(3);
    const [{ s }] = await sql('SELECT sum(amount)::text AS s FROM fundraising.ledger_entries WHERE fund_id = $1', [fund.id]);
    const final = (await graphOk(`query($f: ID!) { fund(id: $f) { balance } }`, { f: fund.id })).fund.balance;
    expect(s).toBe(String(final));
    expect(final).toBeGreaterThanOrEqual(0);
  });

  it('pays awards only in the fund’s area and below, and emits AWARD_GRANTED at the organisation’s area', async () => {
    const t = await createTree(2, 1);
    const fund = await openFund(t.districtOrgs[0].id);
    await donate(fund.id, 5_000_000);
    const outside = await graph(GRANT, { i: awardInput(fund.id, t.communes[1].id, 1000) });
    expect(codes(outside)).toEqual(['BAD_USER_INPUT']);
    const missingArea = await graph(GRANT, { i: awardInput(fund.id, 'area_0190f0a0-0000-7000-8000-000000000000', 1000) });
    expect(codes(missingArea)).toEqual(['NOT_FOUND']);
    const zero = await graph(GRANT, { i: awardInput(fund.id, t.communes[0].id, 0) });
    expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
    const a = await grant(fund.id, t.villages[0].id, 1_200_000, { category: 'LIFELONG_LEARNER', reason: 'Tốt nghiệp đại học ở tuổi 60' });
    const [event] = await sql(`SELECT area_id, payload FROM fundraising.outbox_events WHERE subject_id = $1 AND type = 'AWARD_GRANTED'`, [a.id]);
    expect(event.area_id).toBe(t.districts[0].id);
    const d = await graphOk(
      `query($f: ID!, $ids: [ID!]!) {
      awards(fundId: $f, year: 2018, category: LIFELONG_LEARNER) { id amount category reason awardedOn area { id name } fund { id } }
      none: awards(fundId: $f, year: 2017) { id }
      awardsByIds(ids: $ids) { id area { fundraising(year: 2018) { raised } } }
    }`,
      { f: fund.id, ids: ['awd_0190f0a0-0000-7000-8000-000000000000', a.id] },
    );
    expect(d.awards).toEqual([
      {
        id: a.id,
        amount: 1_200_000,
        category: 'LIFELONG_LEARNER',
        reason: 'Tốt nghiệp đại học ở tuổi 60',
        awardedOn: '2018-09-05',
        area: { id: t.villages[0].id, name: t.villages[0].name },
        fund: { id: fund.id },
      },
    ]);
    expect(d.none).toEqual([]);
    expect(d.awardsByIds).toEqual([null, { id: a.id, area: { fundraising: { raised: 0 } } }]); // the village has no fund of its own
  });

  it('refuses to void a donation the fund has already paid out', async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.districtOrgs[0].id);
    const gift = await donate(fund.id, 1_000_000);
    await grant(fund.id, t.districts[0].id, 600_000);
    const r = await graph(VOID, { id: gift.id, r: 'Nhập nhầm quỹ' });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(await rowCount('fundraising.donations', 'id = $1 AND voided', [gift.id])).toBe(0);
  });
});

describe('federation', () => {
  it('resolves donorMember through membership, and the donation’s fund and organisation', async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.communeOrgs[0].id);
    const member = await admitMember(t.communeOrgs[0].id);
    const r = await graphOk(RECORD, { i: donationInput(fund.id, 200_000, { donorMemberId: member.id, donorName: member.fullName }) });
    const d = await graphOk(
      `query($ids: [ID!]!) { donationsByIds(ids: $ids) { donorName donorMember { id fullName organization { fund { id } } } fund { organization { name area { id } } } } }`,
      { ids: [r.recordDonation.id] },
    );
    expect(d.donationsByIds).toEqual([
      {
        donorName: member.fullName,
        donorMember: { id: member.id, fullName: member.fullName, organization: { fund: { id: fund.id } } },
        fund: { organization: { name: t.communeOrgs[0].name, area: { id: t.communes[0].id } } },
      },
    ]);
  });
});
