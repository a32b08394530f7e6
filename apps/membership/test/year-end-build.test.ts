import { DataSource, type Logger as OrmLogger } from 'typeorm';
import { todayInVietnam } from '@khg/domain';
import { admitMember, createTree, graphOk, sql, testState } from '@khg/testing';
import { buildOrgYearStats } from '../src/modules/stats/year-end-build';

/** A DataSource on membership's schema that counts the statements it sends. */
function membershipDb(): { ds: DataSource; statements: { n: number } } {
  const statements = { n: 0 };
  const logger: OrmLogger = {
    logQuery: () => void statements.n++,
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({
    type: 'postgres',
    url: testState().databaseUrl,
    extra: { options: '-c search_path=membership,public' },
    logging: true,
    logger,
    installExtensions: false,
  });
  return { ds, statements };
}

const FIGURES = `SELECT organization_id, year, members, active, active_with_card, active_paid, cards_issued, fees::text AS fees
  FROM membership.org_year_stats
  WHERE organization_id = ANY($1) AND (members, active, active_with_card, active_paid, cards_issued, fees) <> (0, 0, 0, 0, 0, 0)
  ORDER BY organization_id, year`;

describe('year-end figures, built set-based', () => {
  const { ds, statements } = membershipDb();
  beforeAll(() => ds.initialize());
  afterAll(() => ds.destroy());

  it('rebuilds exactly the figures every write maintained, in statements that do not grow with the members', async () => {
    const tree = await createTree(1, 2);
    const [a, b] = tree.communeOrgs;
    const orgs = [tree.provinceOrg.id, tree.districtOrgs[0].id, a.id, b.id];
    const m1 = await admitMember(a.id, undefined, { joinedOn: '2017-03-01' });
    const m2 = await admitMember(a.id, undefined, { joinedOn: '2018-05-01' });
    const m3 = await admitMember(b.id, undefined, { joinedOn: '2018-02-01' });
    const m4 = await admitMember(a.id, undefined, { joinedOn: '2017-09-01' });
    await graphOk(`mutation($m: ID!) { issueMemberCard(memberId: $m) { id } }`, { m: m1.id });
    await graphOk(`mutation($m: ID!) { changeMemberStatus(memberId: $m, status: LAPSED) { id } }`, { m: m2.id });
    const pay = `mutation($i: RecordFeePaymentInput!) { recordFeePayment(input: $i) { id } }`;
    await graphOk(pay, { i: { memberId: m1.id, year: 2018, amount: 24000, paidOn: '2018-03-01' } });
    await graphOk(pay, { i: { memberId: m3.id, year: 2018, amount: 30000, paidOn: '2018-04-01' } });
    await graphOk(`mutation($m: ID!, $o: ID!) { transferMember(memberId: $m, organizationId: $o, on: "2019-06-01") { id } }`, { m: m4.id, o: b.id });

    const maintained = await sql(FIGURES, [orgs]);
    const row = (org: string, year: number) => maintained.find((r) => r.organization_id === org && r.year === year);
    expect(row(a.id, 2018)).toMatchObject({ members: 3, active: 3, active_paid: 1, fees: '24000' });
    expect(row(b.id, 2018)).toMatchObject({ members: 1, active: 1, active_paid: 1, fees: '30000' });
    expect(row(b.id, 2019)).toMatchObject({ members: 2 });

    statements.n = 0;
    const first = await buildOrgYearStats(ds);
    const perBuild = statements.n;
    expect(await sql(FIGURES, [orgs])).toEqual(maintained);
    const [build] = await sql(`SELECT through_year FROM membership.stats_builds WHERE name = 'org_year_stats'`);
    expect(build.through_year).toBe(+todayInVietnam().slice(0, 4));

    // Ten more members: the build sends the same statements (a few per year), not more.
    for (let i = 0; i < 10; i++) await admitMember(b.id, undefined, { joinedOn: '2018-06-01' });
    const again = await sql(FIGURES, [orgs]);
    statements.n = 0;
    const second = await buildOrgYearStats(ds);
    // five per year (begin, lock, delete, insert, commit); another test file may have added a year meanwhile
    expect(statements.n - perBuild).toBe(5 * (second.years - first.years));
    expect(await sql(FIGURES, [orgs])).toEqual(again);
    expect(again.find((r) => r.organization_id === b.id && r.year === 2018)).toMatchObject({ members: 11 });
  });
});
