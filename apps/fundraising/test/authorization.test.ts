import { Role } from '@khg/domain';
import { codes, createTree, graph, graphOk, rowCount, tokenFor } from '@khg/testing';
import { GRANT, RECORD, VOID, awardInput, donate, donationInput, openFund } from './helpers';

describe('authorization', () => {
  it('lets an officer write inside its organisation’s subtree and nowhere else; a refusal writes nothing', async () => {
    const t = await createTree(2, 1);
    const [mine, theirs] = t.districtOrgs;
    const officer = await tokenFor({ role: Role.OFFICER, orgId: mine.id, sub: 'officer-d0' });
    const analyst = await tokenFor({ role: Role.ANALYST });

    // inside: its own fund and the fund of the commune below it
    const own = await openFund(mine.id, officer);
    const below = await openFund(t.communeOrgs[0].id, officer);
    await donate(below.id, 100_000, {}, officer);
    await donate(own.id, 900_000, {}, officer);
    const gift = await donate(own.id, 50_000, {}, officer);
    const award = await graph(GRANT, { i: awardInput(own.id, t.communes[0].id, 100_000) }, { token: officer });
    expect(award.errors).toBeUndefined();

    // outside: the sibling district, the province above it
    const events = await rowCount('fundraising.outbox_events');
    const funds = await rowCount('fundraising.funds');
    const refusedOpen = await graph(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ khác") { id } }`, { o: theirs.id }, { token: officer });
    expect(codes(refusedOpen)).toEqual(['FORBIDDEN']);
    const upper = await openFund(t.provinceOrg.id);
    const other = await openFund(theirs.id);
    await donate(other.id, 1_000_000);
    const afterAdmin = await rowCount('fundraising.outbox_events');
    const tries = [
      graph(RECORD, { i: donationInput(other.id, 1000) }, { token: officer }),
      graph(RECORD, { i: donationInput(upper.id, 1000) }, { token: officer }),
      graph(GRANT, { i: awardInput(other.id, t.districts[1].id, 1000) }, { token: officer }),
      graph(
        `mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`,
        { i: { fundId: other.id, name: 'Vận động', year: 2018 } },
        { token: officer },
      ),
      graph(RECORD, { i: donationInput(own.id, 1000) }, { token: analyst }),
      graph(VOID, { id: gift.id, r: 'không có quyền' }, { token: analyst }),
    ];
    for (const r of await Promise.all(tries)) expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await rowCount('fundraising.funds')).toBe(funds + 2);
    expect(await rowCount('fundraising.outbox_events')).toBe(afterAdmin);
    expect(afterAdmin).toBe(events + 3);
    expect(await rowCount('fundraising.donations', 'fund_id = ANY($1)', [[other.id, upper.id]])).toBe(1);
    const v = await graphOk(VOID, { id: gift.id, r: 'Nhập nhầm số tiền' }, { token: officer });
    expect(v.voidDonation.voided).toBe(true);
  });

  it('follows moveOrganization: the officer above the new parent may write, the one above the old parent no longer may', async () => {
    const t = await createTree(2, 1);
    const fund = await openFund(t.communeOrgs[0].id);
    const other = await openFund(t.districtOrgs[0].id);
    const gift = await donate(fund.id, 300_000);
    await graphOk(`mutation($id: ID!, $p: ID!) { moveOrganization(id: $id, parentId: $p, on: "2025-07-01", reason: "Chia lại địa bàn") { id } }`, {
      id: t.communeOrgs[0].id,
      p: t.districtOrgs[1].id,
    });
    const oldOfficer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[0].id });
    const newOfficer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[1].id });
    const before = await rowCount('fundraising.ledger_entries', 'fund_id = ANY($1)', [[fund.id, other.id]]);
    expect(codes(await graph(RECORD, { i: donationInput(fund.id, 100_000) }, { token: oldOfficer }))).toEqual(['FORBIDDEN']);
    expect(codes(await graph(VOID, { id: gift.id, r: 'ghi trùng' }, { token: oldOfficer }))).toEqual(['FORBIDDEN']);
    const TRANSFER = `mutation($f: ID!, $t: ID!) { transferFund(fromFundId: $f, toFundId: $t, on: "2025-07-02", reason: "điều chuyển", amount: 1000) { id } }`;
    expect(codes(await graph(TRANSFER, { f: fund.id, t: other.id }, { token: oldOfficer }))).toEqual(['FORBIDDEN']);
    expect(await rowCount('fundraising.ledger_entries', 'fund_id = ANY($1)', [[fund.id, other.id]])).toBe(before);
    const recorded = await graphOk(RECORD, { i: donationInput(fund.id, 100_000) }, { token: newOfficer });
    expect(recorded.recordDonation.fund).toEqual({ id: fund.id, balance: 400_000 });
    const voided = await graphOk(VOID, { id: gift.id, r: 'ghi trùng' }, { token: newOfficer });
    expect(voided.voidDonation).toMatchObject({ voided: true, fund: { balance: 100_000 } });
  });

  it('requires a token to read', async () => {
    const r = await graph('{ funds { id } }', {}, { token: null });
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });
});
