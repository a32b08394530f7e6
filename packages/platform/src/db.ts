import { Client, types as pgTypes } from 'pg';
import { DataSource, type EntitySchema, type Logger as OrmLogger, type MixedList, type QueryRunner } from 'typeorm';
import type { Logger } from 'pino';

// DATE columns stay "YYYY-MM-DD" strings: a JS Date would shift them by the server's time zone.
pgTypes.setTypeParser(1082, (v: string) => v);

/** Statements sent to PostgreSQL by this process, exposed on /metrics and used by N+1 tests. */
export const sqlStatements = { total: 0 };

class CountingLogger implements OrmLogger {
  constructor(private readonly logger: Logger) {}
  logQuery(): void {
    sqlStatements.total++;
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: String(error), query: query.slice(0, 200) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: query.slice(0, 200) }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
  }
}

/**
 * How a subgraph's connections find its schema: `connection` sends `search_path` as a startup option
 * (one role shared by every subgraph, connected straight to PostgreSQL: the embedded default);
 * `role` relies on the subgraph's own role's default search_path, which the migration sets, so no
 * startup option is needed and the connections work through PgBouncer in transaction mode.
 */
export type SearchPathMode = 'connection' | 'role';

/** `start`: migrate at start (default); `only`: migrate and exit (a migration job); `skip`: refuse to start on pending migrations. */
export type MigrateMode = 'start' | 'only' | 'skip';

export interface DataSourceOptions {
  url: string;
  /** the subgraph's own Postgres schema: every table it owns lives there */
  schema: string;
  searchPath?: SearchPathMode;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity and migration classes as `Function`
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity and migration classes as `Function`
  migrations: MixedList<Function | string>;
  poolMax?: number;
  applicationName: string;
  log: Logger;
}

export function createDataSource(o: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: o.url,
    schema: o.schema,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    // TypeORM would otherwise CREATE EXTENSION on connect, outside our migration lock and into the
    // first schema on the search path; subgraphs starting together then collide in pg_extension.
    // initializeDatabase() creates the extensions in public, under the lock.
    installExtensions: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: true,
    logger: new CountingLogger(o.log),
    maxQueryExecutionTime: 1000,
    applicationName: o.applicationName,
    extra: {
      max: o.poolMax ?? 10,
      // The search path pins unqualified SQL to the subgraph's schema; public holds extensions.
      ...(o.searchPath === 'role' ? {} : { options: `-c search_path=${o.schema},public` }),
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  });
}

const searchPathOf = (schema: string) => `"${schema}", public`;

/**
 * Makes the connecting role's default search_path the subgraph's schema. A session picks a role's
 * defaults up when it starts, so this runs on its own connection before the pool opens any.
 */
export async function setRoleSearchPath(url: string, schema: string): Promise<void> {
  const c = new Client({ connectionString: url, application_name: `khg-${schema}-role` });
  await c.connect();
  try {
    await c.query(`ALTER ROLE CURRENT_USER SET search_path = ${searchPathOf(schema)}`);
  } finally {
    await c.end();
  }
}

/** In `role` mode, a pooled session must start in the subgraph's schema; otherwise say how to fix the role. */
export async function checkSearchPath(ds: DataSource, schema: string): Promise<void> {
  const [row] = (await ds.query('SELECT current_user AS role, current_schema() AS schema, current_setting($1) AS path', ['search_path'])) as {
    role: string;
    schema: string | null;
    path: string;
  }[];
  if (row.schema === schema) return;
  throw new Error(
    `DB_SEARCH_PATH=role: the role "${row.role}" starts its sessions with search_path ${row.path}, not the schema "${schema}". ` +
      `Connect as a role of this subgraph alone and run its migration (DB_MIGRATE=only, or the image's \`migrate\`), which runs ` +
      `ALTER ROLE CURRENT_USER SET search_path = ${searchPathOf(schema)}; behind PgBouncer, RECONNECT its pool afterwards.`,
  );
}

/**
 * Connects; under `start`/`only` creates the schema and runs pending migrations under an advisory
 * lock, so replicas starting together migrate once; under `skip` refuses pending migrations.
 * The lock is a session lock: migrate straight to PostgreSQL, not through transaction pooling.
 * In `role` mode it then checks that sessions start in the schema (before anything reads it under `skip`).
 */
export async function initializeDatabase(
  ds: DataSource,
  schema: string,
  migrate: MigrateMode = 'start',
  searchPath: SearchPathMode = 'connection',
): Promise<void> {
  await ds.initialize();
  // A pooled connection that dies while checked out (between a transaction's statements) emits
  // 'error'; unheard, that would end the process. The statement in progress fails and says why.
  const pool = (ds.driver as unknown as { master?: { on(e: 'connect', f: (c: { on(e: 'error', f: (err: Error) => void): void }) => void): void } }).master;
  pool?.on('connect', (client) => client.on('error', () => undefined));
  if (migrate === 'skip') {
    if (searchPath === 'role') await checkSearchPath(ds, schema);
    if (await ds.showMigrations())
      throw new Error(`The schema "${schema}" has pending migrations and DB_MIGRATE=skip: run the migration job (the image's \`migrate\`) first`);
    return;
  }
  const runner: QueryRunner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`khg-migrate`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    for (const ext of ['ltree', 'pg_trgm', 'pgcrypto']) {
      await runner.query(`CREATE EXTENSION IF NOT EXISTS ${ext} WITH SCHEMA public`);
    }
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`khg-migrate`]).catch(() => undefined);
    await runner.release();
  }
  if (searchPath === 'role') await checkSearchPath(ds, schema);
}

/** An id as an ltree label (PostgreSQL before 16 allows only letters, digits and "_" in labels). */
export function ltreeLabel(id: string): string {
  return id.replace(/-/g, '_');
}

/** The id an ltree label stands for (the first "_" separates the type prefix). */
export function idFromLtreeLabel(label: string): string {
  const cut = label.indexOf('_');
  return label.slice(0, cut + 1) + label.slice(cut + 1).replace(/_/g, '-');
}

/** The ids along an ltree path, root first. */
export function idsOfLtreePath(path: string): string[] {
  return path.split('.').map(idFromLtreeLabel);
}
