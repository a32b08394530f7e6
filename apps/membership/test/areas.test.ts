import { codes, createArea, graph, graphOk, recordStatistics, rowCount, tokenFor, unique } from '@khg/testing';
import { Role } from '@khg/domain';

describe('areas', () => {
  it('builds a tree and reads it back with yearly population', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const district = await createArea({ level: 'DISTRICT', parentId: province.id });
    const commune = await createArea({ level: 'COMMUNE', parentId: district.id });
    await recordStatistics(district.id, 2018, 120_000, 30_000);
    const d = await graphOk(
      `query($id: ID!) { area(id: $id) { code level parent { id } children { id level } population(year: 2018) households(year: 2018) none: population(year: 2017) ancestorIds } }`,
      { id: district.id },
    );
    expect(d.area).toEqual({
      code: district.code,
      level: 'DISTRICT',
      parent: { id: province.id },
      children: [{ id: commune.id, level: 'COMMUNE' }],
      population: 120_000,
      households: 30_000,
      none: null,
      ancestorIds: [province.id],
    });
    const byCode = await graphOk(`query($c: String!) { area(code: $c) { id } }`, { c: commune.code });
    expect(byCode.area).toEqual({ id: commune.id });
  });

  it('refuses a duplicate current code with CONFLICT and writes nothing', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const before = await rowCount('membership.outbox_events');
    const r = await graph(`mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }`, { i: { code: province.code, name: 'Dup', level: 'PROVINCE' } });
    expect(codes(r)).toEqual(['CONFLICT']);
    expect(r.errors![0].message).toContain(province.code);
    expect(await rowCount('membership.areas', 'code = $1', [province.code])).toBe(1);
    expect(await rowCount('membership.outbox_events')).toBe(before);
  });

  it('refuses a level that cannot sit under the parent, and a non-admin', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const r = await graph(`mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }`, {
      i: { code: unique('X'), name: 'V', level: 'VILLAGE', parentId: province.id },
    });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    const analyst = await tokenFor({ role: Role.ANALYST });
    const f = await graph(
      `mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }`,
      { i: { code: unique('X'), name: 'P', level: 'PROVINCE' } },
      { token: analyst },
    );
    expect(codes(f)).toEqual(['FORBIDDEN']);
  });

  it('refuses impossible statistics', async () => {
    const province = await createArea({ level: 'PROVINCE' });
    const r = await graph(`mutation($a: ID!) { recordAreaStatistics(areaId: $a, year: 2018, population: 10, households: 20) { id } }`, { a: province.id });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount('membership.area_statistics', 'area_id = $1', [province.id])).toBe(0);
  });
});

describe('authentication', () => {
  it('answers a call without a token, or with a bad one, with UNAUTHENTICATED and 401', async () => {
    const none = await graph('{ areas { id } }', {}, { token: null });
    expect(none.status).toBe(401);
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    const bad = await graph('{ areas { id } }', {}, { token: 'not-a-token' });
    expect(codes(bad)).toEqual(['UNAUTHENTICATED']);
  });
});
