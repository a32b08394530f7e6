import { countStatements, createTree, graphOk, recordStatistics, type Tree } from '@khg/testing';
import { VOID, donate, grant, openFund } from './helpers';

const STATS = 'raised awarded perCapita perCapitaTarget targetMet population balance balancePerCapita';

describe('Area.fundraising', () => {
  it('rolls up province → district → commune, per inhabitant and against the nearest target, as an independent calculation says', async () => {
    const t = await createTree(2, 2);
    const [D0, D1] = t.districts.map((a) => a.id);
    const [C00, C01, C10, C11] = t.communes.map((a) => a.id);
    const P = t.province.id;
    const parent: Record<string, string | null> = { [P]: null, [D0]: P, [D1]: P, [C00]: D0, [C01]: D0, [C10]: D1, [C11]: D1 };
    const chain = (a: string): string[] => (parent[a] ? [...chain(parent[a]!), a] : [a]);
    const population: Record<string, number | null> = { [P]: 500_000, [D0]: 200_000, [D1]: 300_000, [C00]: 20_000, [C01]: 30_000, [C10]: 40_000, [C11]: null };
    for (const [area, pop] of Object.entries(population)) if (pop) await recordStatistics(area, 2018, pop);
    await recordStatistics(C11, 2017, 12_345); // another year's figure must not be used for 2018

    const orgOf: Record<string, string> = { [P]: t.provinceOrg.id, [D0]: t.districtOrgs[0].id, [D1]: t.districtOrgs[1].id };
    t.communes.forEach((c, i) => {
      orgOf[c.id] = t.communeOrgs[i].id;
    });
    const fund: Record<string, string> = {};
    for (const area of Object.keys(orgOf)) fund[area] = (await openFund(orgOf[area])).id;

    const launch = (area: string, year: number, target: number | null) =>
      graphOk(`mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { id } }`, {
        i: { fundId: fund[area], name: `Vận động ${year} ${area.slice(-6)}`, year, perCapitaTarget: target },
      });
    await launch(P, 2018, 50_000);
    await launch(P, 2017, 40_000);
    await launch(D1, 2018, 60_000);
    await launch(C00, 2018, null); // a campaign without a target does not hide the province's

    // The ledger as the test sees it: [area of the fund, amount, day, voided]
    const gifts: [string, number, string, boolean][] = [
      [C00, 700_000_000, '2018-03-01', false],
      [C00, 500_000_000, '2018-11-30', false],
      [C00, 99_000_000, '2017-12-31', false],
      [C01, 900_000_000, '2018-01-01', false],
      [C01, 400_000_000, '2018-06-15', true],
      [D0, 8_000_000_000, '2018-12-31', false],
      [D1, 3_000_000_000, '2018-04-04', false],
      [C10, 2_500_000_000, '2018-05-05', false],
      [C11, 100_000_000, '2018-07-07', false],
      [P, 1_000_000_007, '2018-02-02', false],
      [P, 2_000_000_000, '2019-01-01', false],
    ];
    for (const [area, amount, receivedOn, voided] of gifts) {
      const d = await donate(fund[area], amount, { receivedOn });
      if (voided) await graphOk(VOID, { id: d.id, r: 'Ghi nhầm' });
    }
    const awards: [string, string, number, string][] = [
      [D0, C00, 10_000_000, '2018-09-01'],
      [C10, C10, 5_000_000, '2018-10-10'],
      [C00, C00, 1_000_000, '2017-12-31'],
    ];
    for (const [area, where, amount, awardedOn] of awards) await grant(fund[area], where, amount, { awardedOn });

    const inYear = (day: string) => day.startsWith('2018');
    const under = (fundArea: string, area: string) => chain(fundArea).includes(area);
    const targets: Record<string, number> = { [P]: 50_000, [D1]: 60_000 };
    const expected = (area: string) => {
      const raised = gifts.filter(([a, , on, v]) => under(a, area) && inYear(on) && !v).reduce((s, g) => s + BigInt(g[1]), 0n);
      const awarded = awards.filter(([a, , , on]) => under(a, area) && inYear(on)).reduce((s, g) => s + BigInt(g[2]), 0n);
      const balance =
        gifts.filter(([a, , on, v]) => under(a, area) && on <= '2018-12-31' && !v).reduce((s, g) => s + BigInt(g[1]), 0n) -
        awards.filter(([a, , , on]) => under(a, area) && on <= '2018-12-31').reduce((s, g) => s + BigInt(g[2]), 0n);
      const pop = population[area];
      const perCapita = pop ? raised / BigInt(pop) : null;
      const nearest = [...chain(area)].reverse().find((a) => targets[a] !== undefined);
      const target = nearest ? BigInt(targets[nearest]) : null;
      return {
        raised: Number(raised),
        awarded: Number(awarded),
        perCapita: perCapita === null ? null : Number(perCapita),
        perCapitaTarget: target === null ? null : Number(target),
        targetMet: perCapita === null || target === null ? null : perCapita >= target,
        population: pop,
        balance: Number(balance),
        balancePerCapita: pop ? Number(balance / BigInt(pop)) : null,
      };
    };

    const ids = [P, D0, D1, C00, C01, C10, C11];
    const d = await graphOk(`query($ids: [ID!]!) { areasByIds(ids: $ids) { id population(year: 2018) fundraising(year: 2018) { ${STATS} } } }`, { ids });
    for (const [i, area] of ids.entries()) {
      expect(d.areasByIds[i]).toEqual({ id: area, population: population[area], fundraising: expected(area) });
    }
    // the figures the test expects really exercise the rules: sums above 2^31, targets met and missed, a null
    expect(expected(P).raised).toBe(16_700_000_007);
    expect(ids.map((a) => expected(a).targetMet)).toEqual([false, true, false, true, false, true, null]);

    // the same through the tree, as a dashboard walks it
    const tree = await graphOk(
      `query($p: ID!) { area(id: $p) { fundraising(year: 2018) { raised } children { id fundraising(year: 2018) { raised perCapita } children { id fundraising(year: 2018) { raised } } } } }`,
      { p: P },
    );
    expect(tree.area.fundraising.raised).toBe(expected(P).raised);
    for (const district of tree.area.children) {
      expect(district.fundraising).toEqual({ raised: expected(district.id).raised, perCapita: expected(district.id).perCapita });
      for (const commune of district.children) expect(commune.fundraising.raised).toBe(expected(commune.id).raised);
    }
    // a year without anything
    const empty = await graphOk(`query($p: ID!) { area(id: $p) { fundraising(year: 2016) { ${STATS} } } }`, { p: P });
    expect(empty.area.fundraising).toEqual({
      raised: 0,
      awarded: 0,
      perCapita: null,
      perCapitaTarget: null,
      targetMet: null,
      population: null,
      balance: 0,
      balancePerCapita: null,
    });
  });

  async function province(districts: number): Promise<Tree> {
    const t = await createTree(districts, 1);
    await recordStatistics(t.province.id, 2018, 1_000_000);
    for (const [i, d] of t.districts.entries()) {
      await recordStatistics(d.id, 2018, 100_000 + i);
      const f = await openFund(t.districtOrgs[i].id);
      await donate(f.id, 3_000_000_000 + i);
      const c = await openFund(t.communeOrgs[i].id);
      await donate(c.id, 1_000_000);
    }
    return t;
  }

  it('answers the province dashboard with a constant number of SQL statements per subgraph, whatever the number of districts', async () => {
    const small = await province(2);
    const large = await province(4);
    const dashboard = `query($p: ID!) { areas(parentId: $p) { id name population(year: 2018) fundraising(year: 2018) { raised perCapita perCapitaTarget targetMet } } }`;
    let answer: Record<string, any> = {};
    const run = async (t: Tree) => {
      answer = await graphOk(dashboard, { p: t.province.id });
    };
    const a = await countStatements(() => run(small));
    expect(answer.areas).toHaveLength(2);
    const byId = (t: Tree, i: number) => answer.areas.find((x: { id: string }) => x.id === t.districts[i].id);
    expect(byId(small, 0).fundraising.raised).toBe(3_001_000_000);
    const b = await countStatements(() => run(large));
    expect(answer.areas).toHaveLength(4);
    expect(byId(large, 3).fundraising).toEqual({
      raised: 3_001_000_003,
      perCapita: Math.floor(3_001_000_003 / 100_003),
      perCapitaTarget: null,
      targetMet: null,
    });
    expect(b).toEqual(a);
    expect(a.fundraising).toBe(1);
    console.info('province dashboard, SQL statements per subgraph (2 and 4 districts):', a, b);
  });
});
