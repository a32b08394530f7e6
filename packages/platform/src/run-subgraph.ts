import { writeFileSync } from 'node:fs';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { Logger } from 'pino';
import { loadConfig, subgraphConfigShape, type SubgraphConfig } from './config';
import { createLogger } from './logger';
import { createDataSource, initializeDatabase, setRoleSearchPath } from './db';
import { buildFederatedSchema, type FederatedSchemaOptions } from './federation';
import { startSubgraphServer, stopOnSignals, type RunningSubgraph } from './subgraph-server';
import type { SubgraphStream } from './subgraph-stream';
import { Outbox } from './outbox';
import { MembershipDirectory } from './directory';
import { AuditIndexes1765000000000, auditResolverFor } from './audit';

/** Everything that makes one subgraph; `apps/<name>/src/subgraph.ts` declares it. */
export interface SubgraphDefinition<L> {
  name: string;
  /** its own Postgres schema */
  dbSchema: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- passed on to TypeORM, which takes entity and migration classes as `Function`
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- passed on to TypeORM, which takes entity and migration classes as `Function`
  migrations: MixedList<Function | string>;
  schema: FederatedSchemaOptions;
  /** builds the subgraph's services, its resolver instances and its per-request loader factory */
  wire: (deps: SubgraphDeps) => Wiring<L>;
  /** loads demo data when the subgraph's tables are empty */
  seedDemo?: (deps: SubgraphDeps) => Promise<void>;
}

export interface Wiring<L> {
  instances: object[];
  makeLoaders: () => L;
  /** lists too long for one GraphQL answer, streamed to the gateway (docs/imports-exports.md) */
  streams?: SubgraphStream[];
}

export interface SubgraphDeps {
  ds: DataSource;
  /** membership's answers about areas and organisations (for the other subgraphs) */
  directory: MembershipDirectory;
  outbox: Outbox;
  config: SubgraphConfig;
  log: Logger;
}

/** Boots a subgraph from its definition: config, database and migrations, demo data, server. */
export async function runSubgraph<L>(def: SubgraphDefinition<L>, env: NodeJS.ProcessEnv = process.env): Promise<RunningSubgraph> {
  const config = loadConfig(def.name, subgraphConfigShape(def.defaultPort), env);
  const log = createLogger(def.name, config.LOG_LEVEL);
  if (config.DB_SEARCH_PATH === 'role' && config.DB_MIGRATE !== 'skip') await setRoleSearchPath(config.DATABASE_URL, def.dbSchema);
  const ds = createDataSource({
    url: config.DATABASE_URL,
    schema: def.dbSchema,
    searchPath: config.DB_SEARCH_PATH,
    entities: def.entities,
    migrations: [...(def.migrations as never[]), AuditIndexes1765000000000],
    poolMax: config.DB_POOL_MAX,
    applicationName: `khg-${def.name}`,
    log,
  });
  await initializeDatabase(ds, def.dbSchema, config.DB_MIGRATE, config.DB_SEARCH_PATH);
  if (config.DB_MIGRATE === 'only') {
    log.info({ schema: def.dbSchema }, 'migrated; exiting (DB_MIGRATE=only)');
    await ds.destroy();
    process.exit(0);
  }
  const directory = new MembershipDirectory(config.MEMBERSHIP_URL, config.INTERNAL_SECRET, def.name);
  const deps: SubgraphDeps = { ds, directory, outbox: new Outbox(def.dbSchema), config, log };
  const { instances, makeLoaders, streams } = def.wire(deps);
  if (config.SEED_DEMO && def.seedDemo) await def.seedDemo(deps);
  // Every subgraph answers for its own audit trail (docs/security.md).
  const Audit = auditResolverFor(def.name);
  const { schema } = await buildFederatedSchema({ ...def.schema, resolvers: [...def.schema.resolvers, Audit], instances: [...instances, new Audit(ds)] });
  const running = await startSubgraphServer({
    name: def.name,
    schema,
    dataSource: ds,
    host: config.HOST,
    port: config.PORT,
    internalSecret: config.INTERNAL_SECRET,
    log,
    makeLoaders,
    streams,
  });
  stopOnSignals(log, running.stop);
  return running;
}

/** Writes the subgraph's SDL (with federation directives) for build-time composition. */
export async function printSubgraphSchema(def: Pick<SubgraphDefinition<unknown>, 'schema' | 'name'>, file: string): Promise<void> {
  const { sdl } = await buildFederatedSchema({ ...def.schema, resolvers: [...def.schema.resolvers, auditResolverFor(def.name)] });
  writeFileSync(file, sdl + '\n');
}
