import { Pool } from 'pg';
import { testState } from './state';

let pool: Pool | null = null;

/** Direct SQL on the test database, for assertions only (what was or was not written). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of any table, read by assertions
export async function sql<R extends Record<string, unknown> = Record<string, any>>(text: string, params: unknown[] = []): Promise<R[]> {
  if (!pool) {
    pool = new Pool({ connectionString: testState().databaseUrl, max: 2 });
    pool.on('error', () => undefined); // idle clients die when the platform stops at teardown
  }
  return (await pool.query(text, params)).rows as R[];
}

/** Counts rows of a subgraph's table: `await rowCount('fundraising.donations')`. */
export async function rowCount(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [r] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE ${where}`, params);
  return Number(r.n);
}

export async function closeDatabase(): Promise<void> {
  await pool?.end();
  pool = null;
}

/** SQL statements each subgraph has sent so far, read from its /metrics. */
export async function sqlStatements(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, url] of Object.entries(testState().subgraphUrls)) {
    const text = await (await fetch(`${url}/metrics`)).text();
    out[name] = Number(/khg_sql_statements_total\{[^}]*\} (\d+)/.exec(text)?.[1] ?? NaN);
  }
  return out;
}

/** Runs `action` and returns how many SQL statements each subgraph sent meanwhile. */
export async function countStatements(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await sqlStatements();
  await action();
  const after = await sqlStatements();
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}
