import { Role } from '@khg/domain';
import { admitMember, codes, createTree, graph, graphOk, tokenFor } from '@khg/testing';
import { RECORD, donationInput, openFund } from './helpers';

const WITHHELD = '[personal data withheld]';

describe('donorKind', () => {
  it("shows an organisation's name to analysts while a person's stays masked", async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.communeOrgs[0].id);
    const company = await graphOk<{ recordDonation: { id: string } }>(RECORD, {
      i: donationInput(fund.id, 10_000_000, { donorName: 'Công ty TNHH Minh Phát', donorKind: 'ORGANIZATION' }),
    });
    const person = await graphOk<{ recordDonation: { id: string } }>(RECORD, { i: donationInput(fund.id, 200_000, { donorName: 'Nguyễn Thị Hảo' }) });
    const q = 'query($f: ID!) { donations(fundId: $f) { id donorName donorKind } }';
    const analyst = await graphOk<{ donations: { id: string; donorName: string; donorKind: string }[] }>(
      q,
      { f: fund.id },
      { token: await tokenFor({ role: Role.ANALYST }) },
    );
    expect(analyst.donations).toEqual([
      { id: company.recordDonation.id, donorName: 'Công ty TNHH Minh Phát', donorKind: 'ORGANIZATION' },
      { id: person.recordDonation.id, donorName: WITHHELD, donorKind: 'PERSON' },
    ]);
  });

  it('refuses an organisation that names a member, recording nothing', async () => {
    const t = await createTree(1, 1);
    const fund = await openFund(t.communeOrgs[0].id);
    const m = await admitMember(t.communeOrgs[0].id);
    const r = await graph(RECORD, { i: donationInput(fund.id, 100_000, { donorKind: 'ORGANIZATION', donorMemberId: m.id }) });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toMatch(/ORGANIZATION cannot name a donorMemberId/);
    expect((await graphOk<{ donations: unknown[] }>('query($f: ID!) { donations(fundId: $f) { id } }', { f: fund.id })).donations).toEqual([]);
  });
});
