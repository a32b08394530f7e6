import { types as pgTypes } from 'pg';
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

export interface DataSourceOptions {
  url: string;
  /** the subgraph's own Postgres schema: every table it owns lives there */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
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
      options: `-c search_path=${o.schema},public`,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    },
  });
}

/**
 * Connects, creates the schema and runs pending migrations under an advisory lock, so replicas
 * starting together migrate once.
 */
export async function initializeDatabase(ds: DataSource, schema: string): Promise<void> {
  await ds.initialize();
  // A pooled connection that dies while checked out (between a transaction's statements) emits
  // 'error'; unheard, that would end the process. The statement in progress fails and says why.
  const pool = (ds.driver as unknown as { master?: { on(e: 'connect', f: (c: { on(e: 'error', f: (err: Error) => void): void }) => void): void } }).master;
  pool?.on('connect', (client) => client.on('error', () => undefined));
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
