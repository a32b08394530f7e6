import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EntitySchema } from 'typeorm';
import { createDataSource, createLogger, initializeDatabase } from '@khg/platform';
import { startEmbeddedPostgres, type RunningDatabase } from '../src/database';
import { freePort } from '../src/ports';

// Every subgraph migrates its own schema on boot, all at once against one database. CI once failed
// with "duplicate key value violates unique constraint pg_extension_name_index": TypeORM created
// extensions on connect, outside the migration lock, racing the subgraphs' own CREATE EXTENSION.
const SUBGRAPHS = 6;
const ROUNDS = 4;

function entityFor(schema: string) {
  // an ltree column is what made TypeORM install "ltree" by itself
  return new EntitySchema({ name: `node_${schema}`, tableName: 'nodes', columns: { id: { type: 'text', primary: true }, path: { type: 'ltree' } } });
}

let dir: string;
let db: RunningDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khg-migrate-race-'));
  db = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), persistent: false });
}, 120_000);

afterAll(async () => {
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const EXTENSIONS = `SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1`;

async function freshDatabase(admin: Client, name: string): Promise<string> {
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(db.url);
  url.pathname = `/${name}`;
  return url.toString();
}

test('connecting alone creates no extension: only initializeDatabase does, under the migration lock', async () => {
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  const ds = createDataSource({
    url: await freshDatabase(admin, 'connect_only'),
    schema: 's',
    entities: [entityFor('s')],
    migrations: [],
    applicationName: 's',
    log: createLogger('race', 'silent'),
  });
  try {
    await ds.initialize();
    expect(await ds.query(EXTENSIONS)).toEqual([]);
  } finally {
    await ds.destroy();
    await admin.end();
  }
}, 60_000);

test(`${SUBGRAPHS} subgraphs initialising one fresh database at once all start, ${ROUNDS} databases in a row, with the extensions in public`, async () => {
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  const log = createLogger('race', 'silent');
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const url = await freshDatabase(admin, `race_${round}`);
      const sources = Array.from({ length: SUBGRAPHS }, (_, i) =>
        createDataSource({ url, schema: `s${i}`, entities: [entityFor(`s${i}`)], migrations: [], applicationName: `s${i}`, log }),
      );
      // processes boot a few milliseconds apart: one connects while another already migrates
      const outcomes = await Promise.allSettled(
        sources.map((ds, i) => new Promise((r) => setTimeout(r, i * 7 + round)).then(() => initializeDatabase(ds, `s${i}`))),
      );
      const failures = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`s${i}: ${(o.reason as Error).message}`] : []));
      try {
        expect(failures).toEqual([]);
        expect(await sources[0].query(EXTENSIONS)).toEqual([
          { extname: 'ltree', nspname: 'public' },
          { extname: 'pg_trgm', nspname: 'public' },
          { extname: 'pgcrypto', nspname: 'public' },
        ]);
      } finally {
        await Promise.all(sources.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
      }
    }
  } finally {
    await admin.end();
  }
}, 180_000);
