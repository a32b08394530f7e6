import { createArea, createTree, graph, graphOk, sql, codes, countStatements, type Tree } from '@khg/testing';
import { decide, ratesOf, register, setEligible, setTarget, type Rate } from './helpers';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed;
  return () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('roll-up rates and target inheritance', () => {
  let tree: Tree;
  const parent = new Map<string, string | null>();
  const eligible = new Map<string, number>();
  const entries: { areaId: string; status: 'REGISTERED' | 'RECOGNIZED' | 'NOT_RECOGNIZED' }[] = [];

  beforeAll(async () => {
    tree = await createTree(2, 2);
    // A second village in the first commune, so a commune rolls up more than one child.
    const extra = await createArea({ level: 'VILLAGE', parentId: tree.communes[0].id });
    tree.villages.push(extra);
    parent.set(tree.province.id, null);
    tree.districts.forEach((d) => parent.set(d.id, tree.province.id));
    tree.communes.forEach((c, i) => parent.set(c.id, tree.districts[Math.floor(i / 2)].id));
    tree.villages.forEach((v, i) => parent.set(v.id, i < 4 ? tree.communes[i].id : tree.communes[0].id));

    const rnd = seeded(42);
    // Families live in villages; a commune may also record families registered at the commune itself.
    for (const v of tree.villages) eligible.set(v.id, 20 + Math.floor(rnd() * 30));
    eligible.set(tree.communes[1].id, 7);
    for (const [areaId, count] of eligible) await setEligible(areaId, count);

    for (const [areaId, count] of eligible) {
      const n = Math.floor(count * (0.5 + rnd() * 0.4));
      const made = await register(Array.from({ length: n }, (_, i) => ({ areaId, name: `Hộ ${i}` })));
      for (const e of made) {
        const roll = rnd();
        const status = roll < 0.6 ? 'RECOGNIZED' : roll < 0.8 ? 'NOT_RECOGNIZED' : 'REGISTERED';
        if (status !== 'REGISTERED') await decide(e.id, status === 'RECOGNIZED');
        entries.push({ areaId, status });
      }
    }
    await setTarget(tree.province.id, 0.4);
    await setTarget(tree.districts[1].id, 0.55);
    await setTarget(tree.communes[0].id, 0.3);
  });

  const within = (areaId: string, ancestor: string): boolean => {
    for (let a: string | null | undefined = areaId; a; a = parent.get(a)) if (a === ancestor) return true;
    return false;
  };

  /** The expected FAMILY rate of an area, computed from what the test itself wrote. */
  function expected(areaId: string, target: number, targetAreaId: string): Rate {
    const mine = entries.filter((e) => within(e.areaId, areaId));
    const el = [...eligible].filter(([a]) => within(a, areaId)).reduce((s, [, c]) => s + c, 0);
    const recognized = mine.filter((e) => e.status === 'RECOGNIZED').length;
    const notRecognized = mine.filter((e) => e.status === 'NOT_RECOGNIZED').length;
    const rate = el ? recognized / el : 0;
    return {
      kind: 'FAMILY',
      eligible: el,
      registered: mine.length,
      recognized,
      notRecognized,
      pending: mine.length - recognized - notRecognized,
      rate,
      registeredRate: mine.length ? recognized / mine.length : 0,
      target,
      targetAreaId,
      targetMet: el ? rate >= target : null,
    };
  }

  it('rolls every level up over its subtree, against an independent count', async () => {
    const all = [tree.province, ...tree.districts, ...tree.communes, ...tree.villages];
    const rates = await ratesOf(all.map((a) => a.id));
    // Target: the area's own, else the nearest ancestor's.
    const targetOf = (areaId: string): [number, string] => {
      for (let a: string | null | undefined = areaId; a; a = parent.get(a)) {
        if (a === tree.communes[0].id) return [0.3, a];
        if (a === tree.districts[1].id) return [0.55, a];
        if (a === tree.province.id) return [0.4, a];
      }
      throw new Error('no target');
    };
    for (const a of all) {
      const family = rates.get(a.id)!.find((r) => r.kind === 'FAMILY')!;
      const [t, tArea] = targetOf(a.id);
      const want = expected(a.id, t, tArea);
      expect({ area: a.id, ...family, rate: undefined, registeredRate: undefined }).toEqual({
        area: a.id,
        ...want,
        rate: undefined,
        registeredRate: undefined,
      });
      expect(family.rate).toBeCloseTo(want.rate, 12);
      expect(family.registeredRate).toBeCloseTo(want.registeredRate, 12);
    }
    // The maintained roll-up agrees with counting the entries themselves.
    for (const a of all) {
      const [raw] = await sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM learning.learning_model_entries WHERE area_ancestry @> ARRAY[$1] AND year = 2018 AND kind = 'FAMILY' AND status = 'RECOGNIZED'",
        [a.id],
      );
      expect(rates.get(a.id)!.find((r) => r.kind === 'FAMILY')!.recognized).toBe(raw.n);
    }
  });

  it('shows the three levels of targets: own, inherited from district, inherited from province', async () => {
    const r = await ratesOf([tree.villages[0].id, tree.villages[2].id, tree.villages[1].id]);
    const fam = (id: string) => r.get(id)!.find((x) => x.kind === 'FAMILY')!;
    expect([fam(tree.villages[0].id).target, fam(tree.villages[0].id).targetAreaId]).toEqual([0.3, tree.communes[0].id]);
    expect([fam(tree.villages[2].id).target, fam(tree.villages[2].id).targetAreaId]).toEqual([0.55, tree.districts[1].id]);
    expect([fam(tree.villages[1].id).target, fam(tree.villages[1].id).targetAreaId]).toEqual([0.4, tree.province.id]);
    // Kinds without eligible counts or targets: zeros, no target, targetMet unknown.
    const clan = r.get(tree.villages[0].id)!.find((x) => x.kind === 'CLAN')!;
    expect(clan).toMatchObject({ eligible: 0, registered: 0, recognized: 0, rate: 0, target: null, targetMet: null });
    expect(r.get(tree.villages[0].id)!.map((x) => x.kind)).toEqual(['FAMILY', 'CLAN', 'COMMUNITY', 'UNIT']);
  });

  it('meets a target exactly at the boundary and moves the rate when an eligible count changes', async () => {
    const t = await createTree(1, 1);
    await setTarget(t.province.id, 0.35, 'CLAN');
    await setEligible(t.villages[0].id, 20, 'CLAN');
    const made = await register(Array.from({ length: 7 }, (_, i) => ({ areaId: t.villages[0].id, kind: 'CLAN', name: `Dòng họ ${i}` })));
    for (const e of made) await decide(e.id, true);
    let r = (await ratesOf([t.province.id])).get(t.province.id)!.find((x) => x.kind === 'CLAN')!;
    expect(r).toMatchObject({ eligible: 20, recognized: 7, rate: 0.35, target: 0.35, targetMet: true });
    const changed = await setEligible(t.villages[0].id, 21, 'CLAN');
    expect(changed).toMatchObject({ eligible: 21, recognized: 7, targetMet: false });
    r = (await ratesOf([t.province.id])).get(t.province.id)!.find((x) => x.kind === 'CLAN')!;
    expect(r).toMatchObject({ eligible: 21, targetMet: false });
  });

  it('refuses a target outside 0..1 and a negative eligible count, changing nothing', async () => {
    const before = await sql<{ n: number }>('SELECT count(*)::int AS n FROM learning.outbox_events');
    const bad = await graph('mutation($a: ID!) { setLearningModelTarget(year: 2018, kind: FAMILY, areaId: $a, target: 1.5) { rate } }', {
      a: tree.province.id,
    });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const neg = await graph('mutation($a: ID!) { setEligibleCount(year: 2018, kind: FAMILY, areaId: $a, count: -1) { rate } }', { a: tree.province.id });
    expect(codes(neg)).toEqual(['BAD_USER_INPUT']);
    const after = await sql<{ n: number }>('SELECT count(*)::int AS n FROM learning.outbox_events');
    expect(after[0].n).toBe(before[0].n);
    expect((await ratesOf([tree.province.id])).get(tree.province.id)!.find((x) => x.kind === 'FAMILY')!.target).toBe(0.4);
  });

  it('answers the rates of N districts with a constant number of SQL statements', async () => {
    const small = await createTree(2, 1);
    const large = await createTree(6, 1);
    const q = 'query($p: ID!) { areas(parentId: $p) { id learningModels(year: 2018) { kind rate target targetMet } } }';
    const a = await countStatements(() => graphOk(q, { p: small.province.id }));
    const b = await countStatements(() => graphOk(q, { p: large.province.id }));
    expect(b['learning-models']).toBe(a['learning-models']);
    expect(b['learning-models']).toBeLessThanOrEqual(2);
    const d = await graphOk<{ areas: { learningModels: unknown[] }[] }>(q, { p: large.province.id });
    expect(d.areas).toHaveLength(6);
    expect(d.areas.every((x) => x.learningModels.length === 4)).toBe(true);
  });
});
