import { randomUUID } from 'node:crypto';
import {
  admitMember,
  codes,
  createArea,
  createOrganization,
  createTree,
  graph,
  graphOk,
  recordStatistics,
  rowCount,
  sql,
  tokenFor,
  unique,
  type Tree,
} from '@khg/testing';
import { Role } from '@khg/domain';

const EFFECTIVE = '2025-07-01';
const RATE = 'kind eligible registered recognized notRecognized pending rate';

const REORGANIZE = `mutation($i: ReorganizeAreasInput!) {
  reorganizeAreas(input: $i) { id decisionNumber effectiveOn opened { id code level validFrom } closed { id validTo } }
}`;

async function openFund(organizationId: string): Promise<string> {
  const d = await graphOk<{ openFund: { id: string } }>(`mutation($o: ID!, $n: String!) { openFund(organizationId: $o, name: $n) { id } }`, {
    o: organizationId,
    n: unique('Quỹ Khuyến học '),
  });
  return d.openFund.id;
}

async function donate(fundId: string, amount: number, receivedOn = '2018-05-10'): Promise<void> {
  await graphOk(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
    i: { fundId, donorName: unique('Nhà hảo tâm '), amount, receivedOn, method: 'CASH', idempotencyKey: randomUUID() },
  });
}

async function registerAndDecide(areaId: string, recognized: number, notRecognized: number): Promise<void> {
  const d = await graphOk<{ registerLearningModels: { id: string }[] }>(
    'mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }',
    { i: Array.from({ length: recognized + notRecognized + 1 }, (_, n) => ({ kind: 'FAMILY', name: `Gia đình ${n}`, areaId, year: 2018 })) },
  );
  for (const [n, e] of d.registerLearningModels.entries()) {
    if (n === recognized + notRecognized) break; // one stays pending
    await graphOk(
      'mutation($id: ID!, $r: Boolean!) { decideLearningModel(id: $id, recognized: $r, decisionNumber: "12/QĐ-UBND", decidedOn: "2018-12-20") { id } }',
      { id: e.id, r: n < recognized },
    );
  }
}

async function setEligible(areaId: string, count: number): Promise<void> {
  await graphOk('mutation($a: ID!, $c: Int!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: $c) { kind } }', { a: areaId, c: count });
}

/** Every 2018 figure of the province and its districts, read through the gateway. */
async function figures2018(t: Tree): Promise<unknown> {
  return graphOk(
    `query($areas: [ID!]!, $orgs: [ID!]!, $moved: ID!) {
    areasByIds(ids: $areas) {
      id population(year: 2018) households(year: 2018)
      fundraising(year: 2018) { raised awarded perCapita population balance balancePerCapita }
      learningModels(year: 2018) { ${RATE} }
    }
    organizationsByIds(ids: $orgs) {
      id membershipStats(year: 2018) { members activeMembers cardsIssued cardIssuanceRate feesCollected feeCollectionRate }
    }
    moved: area(id: $moved) { learningModels(year: 2018) { kind target targetAreaId } }
  }`,
    { moved: t.communes[3].id, areas: [t.province.id, ...t.districts.map((d) => d.id)], orgs: [t.provinceOrg.id, ...t.districtOrgs.map((o) => o.id)] },
  );
}

describe('the 2025 reform: areas over time', () => {
  let t: Tree;
  let other: { id: string };
  let before: unknown;
  let reorg: { id: string; opened: { id: string; code: string; level: string; validFrom: string }[]; closed: { id: string; validTo: string }[] };
  const codes2025 = { province: unique('P'), n1: unique('N'), n3: unique('N') };
  const byCode = (code: string) => reorg.opened.find((a) => a.code === code)!.id;
  const pops = [9_000, 7_000, 10_000, 8_000];

  beforeAll(async () => {
    // 2018: province → 2 districts → 2 communes each (one village each), their associations.
    t = await createTree(2, 2);
    other = await createArea({ level: 'PROVINCE', name: unique('Tỉnh ') });
    await recordStatistics(t.province.id, 2018, 100_000);
    await recordStatistics(t.districts[0].id, 2018, 40_000);
    await recordStatistics(t.districts[1].id, 2018, 45_000);
    for (const [i, c] of t.communes.entries()) await recordStatistics(c.id, 2018, pops[i]);
    for (const o of t.communeOrgs) for (let m = 0; m < 2; m++) await admitMember(o.id);
    const funds = await Promise.all([t.provinceOrg, t.districtOrgs[0], ...t.communeOrgs].map((o) => openFund(o.id)));
    const amounts = [5_000_000, 1_200_000, 900_000, 700_000, 1_000_000, 400_000];
    for (const [i, f] of funds.entries()) await donate(f, amounts[i]);
    await setEligible(t.communes[0].id, 100);
    await setEligible(t.communes[1].id, 50);
    await setEligible(t.communes[2].id, 80);
    await registerAndDecide(t.communes[0].id, 3, 1);
    await registerAndDecide(t.communes[2].id, 5, 0);
    // A 2018 target set on a district: the commune that survives 2025 keeps inheriting it for 2018.
    await graphOk('mutation($a: ID!) { setLearningModelTarget(year: 2018, kind: FAMILY, areaId: $a, target: 0.4) { kind } }', { a: t.districts[1].id });
    before = await figures2018(t);
    expect(
      (before as { moved: { learningModels: { kind: string; targetAreaId: string }[] } }).moved.learningModels.find((r) => r.kind === 'FAMILY')!.targetAreaId,
    ).toBe(t.districts[1].id);

    // 2025-07-01: provinces merged, districts abolished, communes merged and split.
    const d = await graphOk<{ reorganizeAreas: typeof reorg }>(REORGANIZE, {
      i: {
        decisionNumber: '1666/NQ-UBTVQH15',
        decidedOn: '2025-06-16',
        effectiveOn: EFFECTIVE,
        changes: [
          { kind: 'MERGE', areaIds: [t.province.id, other.id], into: [{ code: codes2025.province, name: 'Hưng Yên', level: 'PROVINCE' }] },
          { kind: 'ABOLISH', areaIds: t.districts.map((x) => x.id) },
          {
            kind: 'MERGE',
            areaIds: [t.communes[0].id, t.communes[1].id],
            into: [{ code: codes2025.n1, name: 'Phố Hiến', level: 'COMMUNE', parentId: t.province.id }],
          },
          {
            kind: 'SPLIT',
            areaIds: [t.communes[2].id],
            into: [
              { code: codes2025.n1, name: 'Phố Hiến', level: 'COMMUNE', populationShare: 0.4 },
              { code: codes2025.n3, name: 'Sơn Nam', level: 'COMMUNE', parentId: t.province.id, populationShare: 0.6 },
            ],
          },
          { kind: 'MOVE', areaIds: [t.villages[2].id], parentId: t.communes[0].id },
        ],
      },
    });
    reorg = d.reorganizeAreas;
  });

  it('opens and closes the units of the plan on the effective date', () => {
    expect(reorg.opened.map((a) => a.level).sort()).toEqual(['COMMUNE', 'COMMUNE', 'PROVINCE']);
    expect(reorg.opened.every((a) => a.validFrom === EFFECTIVE)).toBe(true);
    expect(new Set(reorg.closed.map((a) => a.id))).toEqual(
      new Set([t.province.id, other.id, ...t.districts.map((x) => x.id), t.communes[0].id, t.communes[1].id, t.communes[2].id]),
    );
    expect(reorg.closed.every((a) => a.validTo === EFFECTIVE)).toBe(true);
  });

  it('keeps every 2018 figure of the province and each former district exactly as it was', async () => {
    expect(await figures2018(t)).toEqual(before);
    const b = before as { areasByIds: { fundraising: { raised: number; perCapita: number | null } }[] };
    expect(b.areasByIds[0].fundraising.raised).toBe(9_200_000);
    expect(b.areasByIds[0].fundraising.perCapita).toBe(92);
  });

  it('answers the tree of a date: no district level from 2025-07-01, the 2018 tree on 2018-12-31', async () => {
    const np = byCode(codes2025.province);
    const d = await graphOk(
      `query($p: ID!, $np: ID!) {
      new: areas(parentId: $np, on: "2025-07-01") { id level }
      old: area(id: $p) { children(on: "2018-12-31") { id level } }
      newTree: area(id: $np) { children(on: "2025-07-01") { id level children(on: "2025-07-01") { id } } }
      districtsThen: areas(level: DISTRICT, on: "2018-12-31") { id }
      districtsNow: areas(level: DISTRICT, on: "2025-07-01") { id }
    }`,
      { p: t.province.id, np },
    );
    expect(d.new.map((a: { level: string }) => a.level)).not.toContain('DISTRICT');
    expect(new Set(d.new.map((a: { id: string }) => a.id))).toEqual(new Set([byCode(codes2025.n1), byCode(codes2025.n3), t.communes[3].id]));
    expect(new Set(d.old.children.map((a: { id: string }) => a.id))).toEqual(new Set(t.districts.map((x) => x.id)));
    const n1 = d.newTree.children.find((c: { id: string }) => c.id === byCode(codes2025.n1));
    expect(new Set(n1.children.map((v: { id: string }) => v.id))).toEqual(new Set([t.villages[0].id, t.villages[1].id, t.villages[2].id]));
    const districtIds = t.districts.map((x) => x.id);
    expect(d.districtsThen.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(districtIds));
    expect(d.districtsNow.map((a: { id: string }) => a.id).filter((id: string) => districtIds.includes(id))).toEqual([]);

    // The commune that survived moved up: its ancestry depends on the day asked.
    const c4 = await graphOk(
      `query($id: ID!) { area(id: $id) { validTo then: ancestorIdsOn(on: "2018-12-31") now: ancestorIdsOn(on: "2025-07-01") ancestorIds
      parentThen: parent(on: "2018-12-31") { id } parent { id } } }`,
      { id: t.communes[3].id },
    );
    expect(c4.area).toEqual({
      validTo: null,
      then: [t.province.id, t.districts[1].id],
      now: [np],
      ancestorIds: [np],
      parentThen: { id: t.districts[1].id },
      parent: { id: np },
    });
    // Codes are read on a day: the old code on 2018-12-31, nothing on a day after it closed.
    const byCodeOn = await graphOk(`query($c: String!) { then: area(code: $c, on: "2018-12-31") { id } now: area(code: $c, on: "2025-07-01") { id } }`, {
      c: t.communes[0].code,
    });
    expect(byCodeOn).toEqual({ then: { id: t.communes[0].id }, now: null });
  });

  it('answers lineage both ways', async () => {
    const d = await graphOk(`query($ids: [ID!]!) { areasByIds(ids: $ids) { id predecessors { id } successors { id } } }`, {
      ids: [byCode(codes2025.n1), t.communes[2].id, t.communes[0].id, byCode(codes2025.province)],
    });
    const [n1, c3, c1, np] = d.areasByIds;
    expect(new Set(n1.predecessors.map((a: { id: string }) => a.id))).toEqual(new Set([t.communes[0].id, t.communes[1].id, t.communes[2].id]));
    expect(new Set(c3.successors.map((a: { id: string }) => a.id))).toEqual(new Set([byCode(codes2025.n1), byCode(codes2025.n3)]));
    expect(c1.successors).toEqual([{ id: byCode(codes2025.n1) }]);
    expect(new Set(np.predecessors.map((a: { id: string }) => a.id))).toEqual(new Set([t.province.id, other.id]));
  });

  it('gives a new commune a comparable series over the units it came from', async () => {
    const d = await graphOk(
      `query($id: ID!) { area(id: $id) { comparableSeries(fromYear: 2018, toYear: 2018) {
      year population raised sourceAreaIds sourceShares learningModels { ${RATE} } } } }`,
      { id: byCode(codes2025.n1) },
    );
    const [y] = d.area.comparableSeries;
    expect(y.year).toBe(2018);
    expect(y.population).toBe(9_000 + 7_000 + Math.round(0.4 * 10_000));
    // The merged communes' funds raised 900,000 and 700,000 in 2018; the split one 1,000,000, of which a 0.4 share.
    expect(y.raised).toBe(900_000 + 700_000 + 400_000);
    const family = y.learningModels.find((r: { kind: string }) => r.kind === 'FAMILY');
    expect(family).toMatchObject({ eligible: 100 + 50 + 32, recognized: 3 + 2, notRecognized: 1 });
    // The 2025 year reads the new commune itself.
    const now = await graphOk(`query($id: ID!) { area(id: $id) { comparableSeries(fromYear: 2025, toYear: 2025) { sourceAreaIds } } }`, {
      id: byCode(codes2025.n1),
    });
    expect(now.area.comparableSeries[0].sourceAreaIds).toEqual([byCode(codes2025.n1)]);
  });

  it('moves a dissolved association’s members and fund to its successor; both ledgers stay balanced', async () => {
    const successor = await createOrganization({ areaId: byCode(codes2025.n1), parentId: t.provinceOrg.id, name: unique('Hội Khuyến học phường Phố Hiến ') });
    const to = await openFund(successor.id);
    const fromFund = (await graphOk(`query($o: ID!) { funds(organizationId: $o) { id balance } }`, { o: t.communeOrgs[0].id })).funds[0];
    const closed = await graphOk(
      `mutation($id: ID!, $s: ID!) { closeOrganization(id: $id, on: "2025-07-01", successorId: $s, reason: "Sáp nhập theo 1666/NQ-UBTVQH15") {
      closedOn successor { id } placements { to reason } } }`,
      { id: t.communeOrgs[0].id, s: successor.id },
    );
    expect(closed.closeOrganization).toMatchObject({ closedOn: '2025-07-01', successor: { id: successor.id } });
    expect(await rowCount('membership.membership_periods', 'organization_id = $1 AND reason = $2', [successor.id, 'Sáp nhập theo 1666/NQ-UBTVQH15'])).toBe(2);
    const moved = await graphOk(
      `mutation($f: ID!, $t: ID!) { transferFund(fromFundId: $f, toFundId: $t, on: "2025-07-01", reason: "Hội giải thể, chuyển quỹ cho hội kế tục") {
      amount from { balance } to { balance } } }`,
      { f: fromFund.id, t: to },
    );
    expect(moved.transferFund).toEqual({ amount: fromFund.balance, from: { balance: 0 }, to: { balance: fromFund.balance } });
    const ledgers = await sql(
      `SELECT f.id, f.balance::text AS balance, coalesce(sum(l.amount), 0)::text AS ledger, count(l.*) FILTER (WHERE l.kind LIKE 'TRANSFER%') AS transfers
      FROM fundraising.funds f LEFT JOIN fundraising.ledger_entries l ON l.fund_id = f.id WHERE f.id = ANY($1) GROUP BY f.id`,
      [[fromFund.id, to]],
    );
    expect(ledgers).toHaveLength(2);
    for (const l of ledgers) {
      expect(l.balance).toBe(l.ledger);
      expect(Number(l.transfers)).toBe(1);
    }
    // The dissolved association's fund takes no new money: it goes to the successor's fund.
    const late = await graph(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`, {
      i: { fundId: fromFund.id, donorName: 'Nhà hảo tâm', amount: 100000, receivedOn: '2025-07-02', method: 'CASH', idempotencyKey: randomUUID() },
    });
    expect(codes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].message).toMatch(/was dissolved on 2025-07-01; record the donation in the fund of its successor/);
    expect(await rowCount('fundraising.donations', 'fund_id = $1 AND received_on = $2', [fromFund.id, '2025-07-02'])).toBe(0);
    // Overdrawing is refused; 2018 still reads the same after members and money moved.
    const again = await graph(
      `mutation($f: ID!, $t: ID!) { transferFund(fromFundId: $f, toFundId: $t, on: "2025-07-02", reason: "lần nữa", amount: 1) { id } }`,
      { f: fromFund.id, t: to },
    );
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(await figures2018(t)).toEqual(before);
  });
});

describe('reorganizeAreas refuses a bad plan whole', () => {
  it('names every problem, writes nothing and emits no event', async () => {
    const t = await createTree(2, 2);
    const clash = await createArea({ level: 'COMMUNE', parentId: t.districts[0].id });
    const counts = async () => ({
      reorgs: await rowCount('membership.area_reorganizations'),
      areas: await rowCount('membership.areas'),
      lineage: await rowCount('membership.area_lineage'),
      events: await rowCount('membership.outbox_events'),
      closed: await rowCount('membership.areas', 'id = ANY($1) AND valid_to IS NOT NULL', [[...t.communes.map((c) => c.id), ...t.districts.map((d) => d.id)]]),
    });
    const before = await counts();
    const r = await graph(REORGANIZE, {
      i: {
        decisionNumber: '99/NQ',
        decidedOn: '2025-06-16',
        effectiveOn: EFFECTIVE,
        changes: [
          // 0: merges communes of two districts without saying where the new one lies
          { kind: 'MERGE', areaIds: [t.communes[0].id, t.communes[2].id], into: [{ code: unique('N'), name: 'A', level: 'COMMUNE' }] },
          // 1: closes communes[0] a second time
          {
            kind: 'MERGE',
            areaIds: [t.communes[0].id, t.communes[1].id],
            into: [{ code: unique('N'), name: 'B', level: 'COMMUNE', parentId: t.districts[0].id }],
          },
          // 2: shares that do not add up to 1
          {
            kind: 'SPLIT',
            areaIds: [t.communes[3].id],
            into: [
              { code: unique('N'), name: 'C', level: 'COMMUNE', populationShare: 0.5 },
              { code: unique('N'), name: 'D', level: 'COMMUNE', populationShare: 0.3 },
            ],
          },
          // 3: an unknown unit
          { kind: 'ABOLISH', areaIds: ['area_00000000-0000-7000-8000-000000000000'] },
          // 4: a code another unit holds on that day
          { kind: 'RENAME', areaIds: [t.villages[0].id], code: clash.code },
          // 5: moves a unit the plan also merges
          { kind: 'MOVE', areaIds: [t.communes[2].id], parentId: t.districts[1].id },
        ],
      },
    });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const problems = r.errors![0].extensions!.problems as { change: number; message: string }[];
    const at = (i: number) =>
      problems
        .filter((p) => p.change === i)
        .map((p) => p.message)
        .join(' | ');
    expect(at(0)).toMatch(/without a parent/);
    expect(at(1)).toMatch(/closed twice/);
    expect(at(2)).toMatch(/add up to 0\.8/);
    expect(at(3)).toMatch(/does not exist/);
    expect(at(4)).toMatch(new RegExp(`${clash.code}.*held by`));
    expect(at(5)).toMatch(/already changed|overlap/);
    expect(r.errors![0].message).toMatch(/nothing was changed/);
    expect(await counts()).toEqual(before);
  });

  it('is for ADMIN only', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const t = await createTree(1, 1);
    const officer = await tokenFor({ role: Role.OFFICER, sub: 'officer', orgId: t.provinceOrg.id });
    const r = await graph(
      REORGANIZE,
      { i: { decisionNumber: '1/NQ', decidedOn: '2025-06-16', effectiveOn: EFFECTIVE, changes: [{ kind: 'RENAME', areaIds: [province.id], name: 'Mới' }] } },
      { token: officer },
    );
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await rowCount('membership.areas', 'id = $1 AND valid_to IS NULL', [province.id])).toBe(1);
    const analyst = await graph(
      REORGANIZE,
      { i: { decisionNumber: '1/NQ', decidedOn: '2025-06-16', effectiveOn: EFFECTIVE, changes: [{ kind: 'RENAME', areaIds: [province.id], name: 'Mới' }] } },
      { token: await tokenFor({ role: Role.ANALYST }) },
    );
    expect(codes(analyst)).toEqual(['FORBIDDEN']);
  });
});
