import { Role } from '@khg/domain';
import { admitMember, codes, createArea, createOrganization, createTree, graph, graphOk, rowCount, tokenFor } from '@khg/testing';

async function freshMember() {
  const area = await createArea({ level: 'PROVINCE' });
  const org = await createOrganization({ areaId: area.id });
  return { org, member: await admitMember(org.id) };
}

describe('member cards', () => {
  it('issues one ACTIVE card, refuses a second, retires it and never reuses its number', async () => {
    const { member } = await freshMember();
    const first = await graphOk(`mutation($m: ID!) { issueMemberCard(memberId: $m) { card { number status issuedOn } } }`, { m: member.id });
    const number = first.issueMemberCard.card.number;
    expect(number).toMatch(/^HY-\d{7}$/);
    const second = await graph(`mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }`, { m: member.id });
    expect(codes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0].message).toContain(number);
    const lost = await graphOk(`mutation($m: ID!) { retireMemberCard(memberId: $m, status: LOST) { card { number status } } }`, { m: member.id });
    expect(lost.retireMemberCard.card).toEqual({ number, status: 'LOST' });
    const again = await graph(`mutation($m: ID!) { retireMemberCard(memberId: $m, status: REVOKED) { id } }`, { m: member.id });
    expect(codes(again)).toEqual(['CONFLICT']);
    const asActive = await graph(`mutation($m: ID!) { retireMemberCard(memberId: $m, status: ACTIVE) { id } }`, { m: member.id });
    expect(codes(asActive)).toEqual(['BAD_USER_INPUT']);
    const reissued = await graphOk(`mutation($m: ID!) { issueMemberCard(memberId: $m) { card { number status } } }`, { m: member.id });
    expect(reissued.issueMemberCard.card.status).toBe('ACTIVE');
    expect(reissued.issueMemberCard.card.number).not.toBe(number);
    const byOld = await graphOk(`query($n: String!) { memberByCard(number: $n) { id } }`, { n: number });
    expect(byOld.memberByCard).toEqual({ id: member.id });
    expect(await rowCount('membership.member_cards', 'member_id = $1', [member.id])).toBe(2);
  });

  it('gives no card to a member who is not ACTIVE', async () => {
    const { member } = await freshMember();
    await graphOk(`mutation($m: ID!) { changeMemberStatus(memberId: $m, status: RESIGNED) { id } }`, { m: member.id });
    const r = await graph(`mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }`, { m: member.id });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(await rowCount('membership.member_cards', 'member_id = $1', [member.id])).toBe(0);
  });
});

describe('fees', () => {
  const pay = `mutation($i: RecordFeePaymentInput!) { recordFeePayment(input: $i) { id year amount paidOn receiptNumber } }`;
  it('records one payment per member per year', async () => {
    const { member } = await freshMember();
    const ok = await graphOk(pay, { i: { memberId: member.id, year: 2018, amount: 24000, paidOn: '2018-03-01', receiptNumber: 'PT-01' } });
    expect(ok.recordFeePayment).toMatchObject({ year: 2018, amount: 24000, receiptNumber: 'PT-01' });
    const dup = await graph(pay, { i: { memberId: member.id, year: 2018, amount: 24000, paidOn: '2018-04-01' } });
    expect(codes(dup)).toEqual(['CONFLICT']);
    const d = await graphOk(`query($m: ID!) { member(id: $m) { feePayments { year amount } } }`, { m: member.id });
    expect(d.member.feePayments).toEqual([{ year: 2018, amount: 24000 }]);
  });

  it('refuses zero, negative, fractional and absurd amounts', async () => {
    const { member } = await freshMember();
    for (const amount of [0, -1000, 1000000000000000]) {
      const r = await graph(pay, { i: { memberId: member.id, year: 2019, amount, paidOn: '2019-03-01' } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const fraction = await graph(pay, { i: { memberId: member.id, year: 2019, amount: 1000.5, paidOn: '2019-03-01' } });
    expect(codes(fraction)).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('membership.fee_payments', 'member_id = $1', [member.id])).toBe(0);
  });
});

describe('Charter orders', () => {
  it('moves ORDERED → DELIVERED once and refuses any other transition with the current status', async () => {
    const { org } = await freshMember();
    const placed = await graphOk(`mutation($o: ID!) { placeCharterOrder(organizationId: $o, quantity: 120) { id status quantity organization { id } } }`, {
      o: org.id,
    });
    expect(placed.placeCharterOrder).toMatchObject({ status: 'ORDERED', quantity: 120, organization: { id: org.id } });
    const id = placed.placeCharterOrder.id;
    await graphOk(`mutation($id: ID!) { setCharterOrderStatus(id: $id, status: DELIVERED) { status } }`, { id });
    const cancel = await graph(`mutation($id: ID!) { setCharterOrderStatus(id: $id, status: CANCELLED) { status } }`, { id });
    expect(codes(cancel)).toEqual(['CONFLICT']);
    expect(cancel.errors![0].message).toContain('DELIVERED');
    const list = await graphOk(`query($o: ID!) { charterOrders(organizationId: $o) { id status } }`, { o: org.id });
    expect(list.charterOrders).toEqual([{ id, status: 'DELIVERED' }]);
    const zero = await graph(`mutation($o: ID!) { placeCharterOrder(organizationId: $o, quantity: 0) { id } }`, { o: org.id });
    expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
  });

  it('lets an analyst read but not order', async () => {
    const { org } = await freshMember();
    const analyst = await tokenFor({ role: Role.ANALYST });
    const r = await graph(`mutation($o: ID!) { placeCharterOrder(organizationId: $o, quantity: 5) { id } }`, { o: org.id }, { token: analyst });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    const read = await graph(`query($o: ID!) { charterOrders(organizationId: $o) { id } }`, { o: org.id }, { token: analyst });
    expect(read.errors).toBeUndefined();
  });
});

describe('membershipStats', () => {
  it('rolls up at year end over the subtree, matching an independent count', async () => {
    const t = await createTree(2, 2);
    // commune orgs: c0, c1 under d0; c2, c3 under d1
    const plan = [
      { org: 0, joined: '2017-02-01', card: true, fee2018: true },
      { org: 0, joined: '2018-05-01', card: false, fee2018: true },
      { org: 1, joined: '2016-01-01', card: true, fee2018: false },
      { org: 2, joined: '2018-12-31', card: true, fee2018: false },
      { org: 3, joined: '2019-01-02', card: false, fee2018: false }, // after 2018: not counted in 2018
    ];
    const ids: string[] = [];
    for (const p of plan) {
      const m = await admitMember(t.communeOrgs[p.org].id, undefined, { joinedOn: p.joined });
      ids.push(m.id);
      if (p.card) await graphOk(`mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }`, { m: m.id });
      if (p.fee2018 && p.joined <= '2018-12-31') {
        await graphOk(`mutation($i: RecordFeePaymentInput!) { recordFeePayment(input: $i) { id } }`, {
          i: { memberId: m.id, year: 2018, amount: 30000, paidOn: '2018-12-01' },
        });
      }
    }
    const q = `query($p: ID!, $d0: ID!, $c0: ID!) {
      province: organization(id: $p) { membershipStats(year: 2018) { members activeMembers cardsIssued cardIssuanceRate feesCollected feeCollectionRate } }
      district: organization(id: $d0) { membershipStats(year: 2018) { members activeMembers feesCollected feeCollectionRate } }
      own: organization(id: $p) { membershipStats(year: 2018, includeDescendants: false) { members } }
      commune: organization(id: $c0) { membershipStats(year: 2019) { members } }
    }`;
    const d = await graphOk(q, { p: t.provinceOrg.id, d0: t.districtOrgs[0].id, c0: t.communeOrgs[0].id });
    // Cards are issued today (not in 2018), so none counts as held at the end of 2018.
    const in2018 = plan.filter((p) => p.joined <= '2018-12-31');
    const paid = in2018.filter((p) => p.fee2018).length;
    expect(d.province.membershipStats).toEqual({
      members: in2018.length,
      activeMembers: in2018.length,
      cardsIssued: 0,
      cardIssuanceRate: 0,
      feesCollected: paid * 30000,
      feeCollectionRate: paid / in2018.length,
    });
    const d0 = in2018.filter((p) => p.org <= 1);
    expect(d.district.membershipStats).toEqual({ members: d0.length, activeMembers: d0.length, feesCollected: 60000, feeCollectionRate: 2 / 3 });
    expect(d.own.membershipStats.members).toBe(0);
    expect(d.commune.membershipStats.members).toBe(2);
  });
});
