import type { Pool } from 'pg';
import type { Logger } from '@khg/platform';

/** One step of a schema the gateway itself owns (events, imports); ids only grow. */
export interface SchemaMigration {
  id: number;
  sql: string;
}

/**
 * Creates `schema` and applies its pending migrations, each in its own transaction, under the same
 * advisory lock the subgraphs migrate under, so replicas starting together migrate once.
 */
export async function migrateOwnSchema(pool: Pool, schema: string, migrations: SchemaMigration[], log: Logger): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock(hashtext($1))', ['khg-migrate']);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.query(`CREATE TABLE IF NOT EXISTS ${schema}.migrations (id int PRIMARY KEY, run_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await c.query<{ id: number }>(`SELECT id FROM ${schema}.migrations`)).rows.map((r) => r.id));
    for (const m of migrations.filter((x) => !done.has(x.id))) {
      await c.query('BEGIN');
      await c.query(m.sql);
      await c.query(`INSERT INTO ${schema}.migrations (id) VALUES ($1)`, [m.id]);
      await c.query('COMMIT');
      log.info({ schema, migration: m.id }, 'gateway schema migration');
    }
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.query('SELECT pg_advisory_unlock(hashtext($1))', ['khg-migrate']).catch(() => undefined);
    c.release();
  }
}
