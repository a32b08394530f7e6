import { Role } from '@khg/domain';
import { DataSource } from 'typeorm';
import { codes, countStatements, createTree, graph, graphOk, rowCount, sql, testState, tokenFor, unique, type Tree } from '@khg/testing';
import { buildOrgYearStats } from '../src/modules/stats/year-end-build';

// The bulk mutations frontends call without files: all or nothing, every bad row named in
// extensions.rows, one event per row like the single mutations, a constant number of statements.

const ADMIT = `mutation($i: [AdmitMemberInput!]!) { admitMembers(inputs: $i) { id fullName organization { id } } }`;
const FEES = `mutation($i: [RecordFeePaymentInput!]!) { recordFeePayments(inputs: $i) { id amount year } }`;
const STATS = `mutation($y: Int!, $r: [AreaStatisticsRow!]!) { recordAreaStatisticsBatch(year: $y, rows: $r) { id population(year: $y) households(year: $y) } }`;

const people = (org: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ organizationId: org, fullName: `Hội viên ${i} ${unique()}`, joinedOn: '2018-01-10' }));

describe('bulk writes in membership', () => {
  let t: Tree;
  beforeAll(async () => {
    t = await createTree(2, 1);
  });

  it('admits a list with one MEMBER_ADMITTED event each, at a cost that does not grow with the list', async () => {
    const org = t.communeOrgs[0].id;
    let result: { admitMembers: { id: string; organization: { id: string } }[] } | null = null;
    const small = await countStatements(async () => void (await graphOk(ADMIT, { i: people(org, 10) })));
    const large = await countStatements(async () => (result = await graphOk(ADMIT, { i: people(org, 200) })));
    expect(large.membership).toBe(small.membership);
    expect(result!.admitMembers).toHaveLength(200);
    expect(result!.admitMembers[0].organization.id).toBe(org);
    expect(await rowCount('membership.members', 'organization_id = $1', [org])).toBe(210);
    expect(await rowCount('membership.outbox_events', "type = 'MEMBER_ADMITTED' AND payload->>'organizationId' = $1", [org])).toBe(210);
    expect(await rowCount('membership.membership_periods', 'organization_id = $1 AND to_date IS NULL', [org])).toBe(210);
  });

  it('refuses a list with bad rows whole, naming each by index and field', async () => {
    const org = t.communeOrgs[1].id;
    const rows = [
      ...people(org, 2),
      { organizationId: org, fullName: 'A', joinedOn: '2018-01-10' },
      { ...people(org, 1)[0], joinedOn: '2099-01-01', phone: 'x' },
    ];
    const r = await graph(ADMIT, { i: rows });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].extensions!.rows).toEqual([
      { index: 2, field: 'fullName', message: expect.any(String) },
      { index: 3, field: 'joinedOn', message: expect.stringMatching(/future/) },
      { index: 3, field: 'phone', message: expect.any(String) },
    ]);
    expect(await rowCount('membership.members', 'organization_id = $1', [org])).toBe(0);
  });

  it('refuses an officer’s rows outside its subtree, writing none of the list', async () => {
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.districtOrgs[0].id });
    const mine = t.communeOrgs[0].id;
    const other = t.communeOrgs[1].id;
    const before = await rowCount('membership.members', 'organization_id = $1', [mine]);
    const r = await graph(ADMIT, { i: [...people(mine, 1), ...people(other, 1)] }, { token: officer });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.errors![0].message).toMatch(/row 1/);
    expect(await rowCount('membership.members', 'organization_id = $1', [mine])).toBe(before);
  });

  it('records a fee book, refusing a member’s second fee for a year', async () => {
    const { admitMembers: m } = await graphOk(ADMIT, { i: people(t.communeOrgs[1].id, 2) });
    const fees = m.map((x: { id: string }) => ({ memberId: x.id, year: 2018, amount: 24_000, paidOn: '2018-02-01' }));
    expect((await graphOk(FEES, { i: fees })).recordFeePayments).toHaveLength(2);
    const again = await graph(FEES, { i: [{ ...fees[0], year: 2019, paidOn: '2019-02-01' }, fees[1]] });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].extensions!.rows).toEqual([{ index: 1, field: 'year', message: expect.stringMatching(/already paid the 2018 fee/) }]);
    expect(await rowCount('membership.fee_payments', 'member_id = $1', [m[0].id])).toBe(1);
    expect(await rowCount('membership.outbox_events', "type = 'FEE_PAID' AND subject_id = ANY($1)", [m.map((x: { id: string }) => x.id)])).toBe(2);
  });

  it('records population and households of many areas for a year (ADMIN), refusing bad rows', async () => {
    const rows = t.communes.map((c, i) => ({ areaId: c.id, population: 10_000 + i, households: 2_500 }));
    const { recordAreaStatisticsBatch: areas } = await graphOk(STATS, { y: 2020, r: rows });
    expect(areas.map((a: { population: number }) => a.population)).toEqual([10_000, 10_001]);
    const bad = await graph(STATS, { y: 2020, r: [{ ...rows[0], households: 20_000 }] });
    expect(bad.errors![0].extensions!.rows).toEqual([{ index: 0, field: 'households', message: expect.stringMatching(/cannot exceed/) }]);
    const officer = await tokenFor({ role: Role.OFFICER, orgId: t.provinceOrg.id });
    expect(codes(await graph(STATS, { y: 2020, r: rows }, { token: officer }))).toEqual(['FORBIDDEN']);
  });

  it('keeps the year-end figures right through a bulk admission and fee book: they equal a rebuild from the history', async () => {
    const tree = await createTree(1, 2);
    const [a, b] = tree.communeOrgs;
    const years = [2016, 2017, 2018, 2019, 2020];
    const list = [a, b].flatMap((o) => years.map((y, i) => ({ organizationId: o.id, fullName: `Hội viên ${y} ${unique()}`, joinedOn: `${y}-0${i + 1}-10` })));
    const { admitMembers: admitted } = await graphOk(ADMIT, { i: list });
    const fees = admitted.slice(0, 6).map((m: { id: string }, i: number) => ({ memberId: m.id, year: 2020, amount: 24_000 + i, paidOn: '2020-03-01' }));
    await graphOk(FEES, { i: fees });

    const orgs = [tree.provinceOrg.id, tree.districtOrgs[0].id, a.id, b.id];
    const FIGURES = `SELECT organization_id, year, members, active, active_with_card, active_paid, cards_issued, fees::text AS fees
      FROM membership.org_year_stats WHERE organization_id = ANY($1) ORDER BY organization_id, year`;
    const maintained = await sql(FIGURES, [orgs]);
    expect(maintained.find((r) => r.organization_id === a.id && r.year === 2018)).toMatchObject({ members: 3, active: 3 });
    expect(maintained.find((r) => r.organization_id === a.id && r.year === 2020)).toMatchObject({ members: 5, active_paid: 5, fees: String(5 * 24_000 + 10) });

    const ds = new DataSource({
      type: 'postgres',
      url: testState().databaseUrl,
      extra: { options: '-c search_path=membership,public' },
      installExtensions: false,
    });
    await ds.initialize();
    try {
      await buildOrgYearStats(ds);
    } finally {
      await ds.destroy();
    }
    expect(await sql(FIGURES, [orgs])).toEqual(maintained);
  });
});
