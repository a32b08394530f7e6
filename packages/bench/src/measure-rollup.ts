// Measures Area.learningModels at provincial scale (not a test: figures vary by machine).
//   npm run build && node packages/bench/dist/measure-rollup.js [families=300000]
// Boots a throw-away platform (embedded PostgreSQL, SEED_DEMO=true), registers the families
// through the bulk mutation, then times the province-and-districts rates query at the gateway
// and, for comparison, counting the entries on the fly with the GIN index.
import { Pool } from 'pg';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { demoPlan } from '@khg/demo-data';
import { startThrowawayPlatform } from '@khg/stack';

const FAMILIES = Number(process.argv[2] ?? 300_000);
const BATCH = 5_000;

async function main(): Promise<void> {
  const t0 = Date.now();
  const throwaway = await startThrowawayPlatform({ prefix: 'khg-measure-', env: { SEED_DEMO: 'true' } });
  const { db } = throwaway;
  console.log(`platform with demo data up in ${Date.now() - t0} ms`);
  const token = await signUserToken(throwaway.jwtSecret, { sub: 'measure', role: Role.ADMIN });
  const url = throwaway.gatewayUrl;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a measuring script reads a few known fields of its own queries' answers
    const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data!;
  };
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const plan = demoPlan();
    const province = plan.areas.find((a) => a.level === 'PROVINCE')!;
    const villages = plan.areas.filter((a) => a.level === 'VILLAGE');
    const RATES = `query($p: ID!) { area(id: $p) { name learningModels(year: 2018) { kind eligible registered recognized rate target targetMet }
      children { name learningModels(year: 2018) { kind eligible registered recognized rate target targetMet } } } }`;
    const demo = await gql(RATES, { p: province.id });
    console.log('demo 2018 FAMILY rates (province, then districts):');
    for (const a of [demo.area, ...demo.area.children]) {
      const f = a.learningModels[0];
      console.log(
        `  ${a.name.padEnd(12)} eligible ${f.eligible} registered ${f.registered} recognized ${f.recognized} rate ${(f.rate * 100).toFixed(1)} % target ${f.target} met ${f.targetMet}`,
      );
    }

    let registered = 0;
    const tReg = Date.now();
    while (registered < FAMILIES) {
      const n = Math.min(BATCH, FAMILIES - registered);
      const inputs = Array.from({ length: n }, (_, i) => ({
        kind: 'FAMILY',
        name: `Hộ đo ${registered + i}`,
        areaId: villages[(registered + i) % villages.length].id,
        year: 2018,
      }));
      const t = Date.now();
      await gql('mutation($i: [RegisterLearningModelInput!]!) { registerLearningModels(inputs: $i) { id } }', { i: inputs });
      registered += n;
      if (registered === n) console.log(`first bulk call of ${n} rows: ${Date.now() - t} ms`);
    }
    console.log(`registered ${registered} families through registerLearningModels in ${((Date.now() - tReg) / 1000).toFixed(1)} s`);
    const [{ total }] = (await pool.query("SELECT count(*)::int AS total FROM learning.learning_model_entries WHERE year = 2018 AND kind = 'FAMILY'")).rows;
    console.log(`FAMILY entries for 2018 now: ${total}`);

    const some = (
      await gql(`query($p: ID!) { learningModelEntries(areaId: $p, year: 2018, kind: FAMILY, status: REGISTERED, first: 200) { id } }`, { p: province.id })
    ).learningModelEntries as { id: string }[];
    const tDec = Date.now();
    for (const [i, e] of some.entries()) {
      await gql(
        'mutation($id: ID!, $r: Boolean!) { decideLearningModel(id: $id, recognized: $r, decisionNumber: "99/QĐ-UBND", decidedOn: "2018-12-28") { id } }',
        { id: e.id, r: i % 3 !== 0 },
      );
    }
    console.log(`decideLearningModel: ${((Date.now() - tDec) / some.length).toFixed(1)} ms per decision (${some.length} in a row)`);

    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = process.hrtime.bigint();
      await gql(RATES, { p: province.id });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(
      `Area.learningModels(2018) for the province and its ${demo.area.children.length} districts, through the gateway: median ${times[15].toFixed(1)} ms, p95 ${times[28].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`,
    );

    const BASE = `query($p: ID!) { area(id: $p) { name ancestorIds children { name ancestorIds } } }`;
    const base: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = process.hrtime.bigint();
      await gql(BASE, { p: province.id });
      base.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    base.sort((a, b) => a - b);
    console.log(`baseline: the same areas without learningModels (membership only): median ${base[15].toFixed(1)} ms, min ${base[0].toFixed(1)} ms`);
    const page: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = process.hrtime.bigint();
      await gql(`query($p: ID!) { learningModelEntries(areaId: $p, year: 2018, kind: FAMILY, status: RECOGNIZED, first: 100) { id name } }`, {
        p: province.id,
      });
      page.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    page.sort((a, b) => a - b);
    console.log(`learningModelEntries(province, 2018, FAMILY, RECOGNIZED, first: 100): median ${page[5].toFixed(1)} ms`);

    const ids = [province.id, ...plan.areas.filter((a) => a.level === 'DISTRICT').map((a) => a.id)];
    const sqlTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      await pool.query(
        `SELECT q.id, e.kind, count(*), count(*) FILTER (WHERE e.status = 'RECOGNIZED')
        FROM unnest($1::text[]) AS q(id) JOIN learning.learning_model_entries e ON e.area_ancestry @> ARRAY[q.id] AND e.year = 2018
        GROUP BY q.id, e.kind`,
        [ids],
      );
      sqlTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    sqlTimes.sort((a, b) => a - b);
    console.log(`for comparison, counting entries on the fly (GIN on area_ancestry), same 11 areas, SQL only: median ${sqlTimes[2].toFixed(1)} ms`);
    const t = process.hrtime.bigint();
    await pool.query('SELECT * FROM learning.rollup_counts WHERE year = 2018 AND area_id = ANY($1)', [ids]);
    console.log(`maintained roll-up read, same 11 areas, SQL only: ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1)} ms`);
  } finally {
    await pool.end();
    await throwaway.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
