import { admitMember, createTree, graphOk, recordStatistics, unique, type Tree } from '@khg/testing';

// A report for a year before the 2025 reform reads that year's tree: its child areas are the
// districts the reform abolished, with the figures they had, while a report for a later year lists
// the units of that year's tree.

const REPORT = `query($o: ID!, $y: Int!) { yearReport(organizationId: $o, year: $y) {
  values { metric value } byArea { area { id } values { metric value } } } }`;
const SHOWN = ['MEMBERS', 'NEW_MEMBERS', 'MEMBERSHIP_SHARE', 'FUNDS_RAISED', 'OUTREACH_ACTIVITIES'];

type Report = { values: { metric: string; value: number | null }[]; byArea: { area: { id: string }; values: { metric: string; value: number | null }[] }[] };
const shown = (values: Report['values']) => Object.fromEntries(values.filter((v) => SHOWN.includes(v.metric)).map((v) => [v.metric, v.value]));
async function report(organizationId: string, year: number) {
  const r = (await graphOk(REPORT, { o: organizationId, y: year })).yearReport as Report;
  return { province: shown(r.values), byArea: Object.fromEntries(r.byArea.map((a) => [a.area.id, shown(a.values)])) };
}

describe('the year report across the 2025 reform', () => {
  let t: Tree;
  const members = [2, 3];
  const raised = [700_000, 300_000];

  beforeAll(async () => {
    t = await createTree(2, 1);
    await recordStatistics(t.province.id, 2018, 50_000);
    const { registerPolicyDocument: doc } = await graphOk(`mutation($i: RegisterPolicyDocumentInput!) { registerPolicyDocument(input: $i) { id } }`, {
      i: { code: unique('CT-'), title: 'Chỉ thị 07', kind: 'DIRECTIVE', issuer: 'Tỉnh ủy', issuedOn: '2016-01-05' },
    });
    for (const [i, d] of t.districts.entries()) {
      await recordStatistics(d.id, 2018, 20_000 + i * 5_000);
      for (let m = 0; m < members[i]; m++) await admitMember(t.communeOrgs[i].id, undefined, { joinedOn: '2018-04-02' });
      const { openFund } = await graphOk(`mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ xã") { id } }`, { o: t.communeOrgs[i].id });
      await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
        i: { fundId: openFund.id, donorName: 'Nhà hảo tâm', amount: raised[i], receivedOn: '2018-06-01', method: 'CASH', idempotencyKey: unique('k-') },
      });
      await graphOk(`mutation($i: RecordOutreachActivityInput!) { recordOutreachActivity(input: $i) { id } }`, {
        i: { organizationId: t.communeOrgs[i].id, documentIds: [doc.id], channel: 'MEETING', heldOn: '2018-10-20', audience: 80 },
      });
    }
  });

  it('reports 2018 by the districts of 2018, unchanged by the reform, and a year after it by the units of that tree', async () => {
    const before = await report(t.provinceOrg.id, 2018);
    expect(Object.keys(before.byArea).sort()).toEqual(t.districts.map((d) => d.id).sort());
    for (const [i, d] of t.districts.entries()) {
      expect(before.byArea[d.id]).toEqual({
        MEMBERS: members[i],
        NEW_MEMBERS: members[i],
        MEMBERSHIP_SHARE: members[i] / (20_000 + i * 5_000),
        FUNDS_RAISED: raised[i],
        OUTREACH_ACTIVITIES: 1,
      });
    }
    expect(before.province).toEqual({ MEMBERS: 5, NEW_MEMBERS: 5, MEMBERSHIP_SHARE: 5 / 50_000, FUNDS_RAISED: 1_000_000, OUTREACH_ACTIVITIES: 2 });

    // 1 July 2025: the district level is abolished; the communes move up under the province
    await graphOk(`mutation($i: ReorganizeAreasInput!) { reorganizeAreas(input: $i) { id } }`, {
      i: {
        decisionNumber: unique('NQ-'),
        decidedOn: '2025-06-16',
        effectiveOn: '2025-07-01',
        changes: [{ kind: 'ABOLISH', areaIds: t.districts.map((d) => d.id) }],
      },
    });

    expect(await report(t.provinceOrg.id, 2018)).toEqual(before);
    // any year after the reform reads a tree without districts (31 December, or today for the current year)
    const after = await report(t.provinceOrg.id, 2026);
    expect(Object.keys(after.byArea).sort()).toEqual(t.communes.map((c) => c.id).sort());
  });
});
