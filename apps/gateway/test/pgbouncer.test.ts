import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Role } from '@khg/domain';
import { envPrefix, loadManifest } from '@khg/platform/manifest';
import { ROOT, freePort, startPlatform, type RunningPlatform } from '@khg/stack';
import { eventually, graph, testState, tokenFor } from '@khg/testing';

/**
 * Every subgraph through Debian's PgBouncer in transaction mode, as on Kubernetes behind the
 * CloudNativePG Pooler: each subgraph logs in as its own role, whose default search_path (set by its
 * migration, run straight to PostgreSQL by the image's `migrate`) replaces the `-c search_path`
 * startup option PgBouncer cannot carry. The gateway connects straight to PostgreSQL.
 */
const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p));
if (!PGBOUNCER) process.stdout.write('SKIPPED PgBouncer tests: no pgbouncer binary. Install it with: apt-get install -y pgbouncer\n');

const manifest = loadManifest();
let dir: string;
let bouncer: ChildProcess | null = null;
let p: RunningPlatform | null = null;
let url: string;
let bouncerPort: number;
let dbName: string;
const password = randomBytes(12).toString('hex');
const roleOf = (schema: string) => `bouncer_${schema}`;
const withDatabase = (base: string, db: string, user?: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = password;
  }
  return u.toString();
};

async function asSuperuser<T>(db: string, f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: withDatabase(testState().env.DATABASE_URL, db) });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** PgBouncer refuses to run as root: then it runs as the account the embedded PostgreSQL runs as. */
function startBouncer(pgUrl: URL): ChildProcess {
  const ini = join(dir, 'pgbouncer.ini');
  const users = join(dir, 'users.txt');
  const roles = manifest.map((m) => roleOf(m.dbSchema));
  writeFileSync(users, [...roles, 'bouncer_admin'].map((r) => `"${r}" "${password}"`).join('\n') + '\n');
  writeFileSync(
    ini,
    [
      '[databases]',
      `${dbName} = host=${pgUrl.hostname} port=${pgUrl.port} dbname=${dbName}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${bouncerPort}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${users}`,
      'admin_users = bouncer_admin',
      'pool_mode = transaction',
      // Few server connections for many clients: transactions of different sessions must share them.
      'default_pool_size = 3',
      'max_client_conn = 500',
      'ignore_startup_parameters = extra_float_digits',
    ].join('\n') + '\n',
  );
  const root = process.getuid?.() === 0;
  if (root) for (const f of [dir, ini, users]) chmodSync(f, f === dir ? 0o755 : 0o644);
  const child = spawn(PGBOUNCER!, [...(root ? ['-u', 'postgres'] : []), ini], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (c: Buffer) => writeFileSync(join(dir, 'pgbouncer.log'), c, { flag: 'a' }));
  return child;
}

async function bouncerAdmin<T>(f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ host: '127.0.0.1', port: bouncerPort, user: 'bouncer_admin', password, database: 'pgbouncer' });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

(PGBOUNCER ? describe : describe.skip)('subgraphs through PgBouncer in transaction mode', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khg-pgbouncer-'));
    dbName = `khg_bouncer_${randomBytes(3).toString('hex')}`;
    const pgUrl = new URL(testState().env.DATABASE_URL);
    await asSuperuser('postgres', (c) => c.query(`CREATE DATABASE ${dbName}`));
    await asSuperuser(dbName, async (c) => {
      for (const ext of ['ltree', 'pg_trgm', 'pgcrypto']) await c.query(`CREATE EXTENSION IF NOT EXISTS ${ext} WITH SCHEMA public`);
      for (const m of manifest) {
        const role = roleOf(m.dbSchema);
        await c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF; END $$`);
        await c.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
        await c.query(`GRANT CREATE ON DATABASE ${dbName} TO ${role}`);
      }
      await c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bouncer_admin') THEN CREATE ROLE bouncer_admin LOGIN; END IF; END $$`);
    });

    // The image's migration step, straight to PostgreSQL, each subgraph as its own role.
    const migrateEnv: NodeJS.ProcessEnv = { ...process.env, ...testState().env, LOG_LEVEL: 'warn' };
    for (const m of manifest) migrateEnv[`${envPrefix(m.name)}_DATABASE_URL`] = withDatabase(testState().env.DATABASE_URL, dbName, roleOf(m.dbSchema));
    const migrate = spawnSync(process.execPath, [join(ROOT, 'infra/docker/run.mjs'), 'migrate'], { env: migrateEnv, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stdout}\n${migrate.stderr}`);

    bouncerPort = await freePort();
    bouncer = startBouncer(pgUrl);
    await eventually(
      () =>
        bouncerAdmin((c) => c.query('SHOW VERSION')).then(
          () => true,
          () => false,
        ),
      'PgBouncer accepting connections',
    );

    const subgraphPorts: Record<string, number> = {};
    for (const m of manifest) subgraphPorts[m.name] = await freePort();
    p = await startPlatform({
      databaseUrl: withDatabase(testState().env.DATABASE_URL, dbName),
      gatewayPort: await freePort(),
      subgraphPorts,
      output: join(dir, 'platform.log'),
      env: { ...process.env, ...testState().env, EVENT_POLL_MS: '200' },
      subgraphEnv: Object.fromEntries(
        manifest.map((m) => [
          m.name,
          {
            DATABASE_URL: `postgres://${roleOf(m.dbSchema)}:${password}@127.0.0.1:${bouncerPort}/${dbName}`,
            DB_SEARCH_PATH: 'role',
            DB_MIGRATE: 'skip',
          },
        ]),
      ),
    });
    url = `${p.gateway.url}/graphql`;
  }, 180_000);

  afterAll(async () => {
    await p?.stop();
    if (bouncer && bouncer.exitCode === null) {
      const exited = new Promise((r) => bouncer!.once('exit', r));
      bouncer.kill('SIGTERM');
      await exited;
    }
    await asSuperuser('postgres', (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes and reads across subgraphs, each in its own schema, with many sessions sharing few server connections', async () => {
    const admin = await tokenFor({ role: Role.ADMIN, sub: 'bouncer-admin' });
    const gql = (q: string, v: Record<string, unknown> = {}) => graph(q, v, { url, token: admin });
    const area = await gql('mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }', {
      i: { level: 'PROVINCE', name: 'Tỉnh Qua PgBouncer', code: `B${Date.now() % 100000}` },
    });
    expect(area.errors).toBeUndefined();
    const org = await gql('mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }', {
      i: { areaId: area.data!.createArea.id, name: 'Hội Khuyến học PgBouncer', kind: 'ASSOCIATION', host: 'ADMINISTRATIVE' },
    });
    const orgId = org.data!.createOrganization.id as string;
    const fund = await gql('mutation($o: ID!) { openFund(organizationId: $o, name: "Quỹ PgBouncer") { id } }', { o: orgId });
    expect(fund.errors).toBeUndefined();

    // 30 writes at once over 3 server connections per role: each transaction (its statements, its
    // outbox row, its audit row) must run on whichever server connection it gets, in the right schema.
    const writes = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) =>
        gql('mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id } }', {
          i: { organizationId: orgId, fullName: `Thành Viên ${i}`, joinedOn: '2018-01-15' },
        }),
      ),
      ...Array.from({ length: 15 }, () =>
        gql('mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }', {
          i: {
            fundId: fund.data!.openFund.id,
            donorName: 'Nhà hảo tâm',
            amount: 100000,
            receivedOn: '2018-05-10',
            method: 'CASH',
            idempotencyKey: randomUUID(),
          },
        }),
      ),
    ]);
    expect(writes.flatMap((w) => w.errors ?? [])).toEqual([]);

    const read = await gql('query($o: ID!) { organization(id: $o) { name members(first: 50) { totalCount } fund { balance } } }', { o: orgId });
    expect(read.errors).toBeUndefined();
    expect(read.data!.organization).toMatchObject({ name: 'Hội Khuyến học PgBouncer', members: { totalCount: 15 }, fund: { balance: 1_500_000 } });

    // The rows are in each subgraph's schema, owned by its role; nothing landed in public.
    const rows = await asSuperuser(dbName, async (c) => ({
      members: (await c.query('SELECT count(*)::int AS n FROM membership.members')).rows[0].n as number,
      donations: (await c.query('SELECT count(*)::int AS n FROM fundraising.donations')).rows[0].n as number,
      owners: (await c.query(`SELECT DISTINCT schemaname, tableowner FROM pg_tables WHERE schemaname = ANY($1)`, [manifest.map((m) => m.dbSchema)])).rows,
      inPublic: (await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n as number,
    }));
    expect(rows.members).toBe(15);
    expect(rows.donations).toBe(15);
    expect(rows.inPublic).toBe(0);
    expect(new Set(rows.owners.map((o) => `${o.schemaname}:${o.tableowner}`))).toEqual(new Set(manifest.map((m) => `${m.dbSchema}:${roleOf(m.dbSchema)}`)));

    // Those sessions really went through PgBouncer's transaction pools, one per subgraph role.
    const pools = await bouncerAdmin(async (c) => (await c.query('SHOW POOLS')).rows as { database: string; user: string; pool_mode: string }[]);
    const used = pools.filter((r) => r.database === dbName);
    expect(new Set(used.map((r) => r.user))).toEqual(new Set(manifest.map((m) => roleOf(m.dbSchema))));
    expect(used.every((r) => r.pool_mode === 'transaction')).toBe(true);
  }, 120_000);

  /** Starts inspections through PgBouncer with these settings and returns how it ended. */
  async function inspectionsThroughBouncer(role: string, searchPath: string): Promise<{ code: number | null; err: string }> {
    const m = manifest.find((e) => e.name === 'inspections')!;
    const child = spawn(process.execPath, [join(ROOT, m.entry)], {
      env: {
        ...process.env,
        ...testState().env,
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://${role}:${password}@127.0.0.1:${bouncerPort}/${dbName}`,
        DB_SEARCH_PATH: searchPath,
        DB_MIGRATE: 'skip',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    return { code, err };
  }

  it('could not work with the search_path startup option, which PgBouncer refuses', async () => {
    const { code, err } = await inspectionsThroughBouncer(roleOf('inspections'), 'connection');
    expect(code).toBe(1);
    expect(err).toContain('unsupported startup parameter');
  }, 60_000);

  it('refuses to start a subgraph whose role does not start in its schema, saying how to fix it', async () => {
    // fundraising's role: a real role of another subgraph, whose sessions start in fundraising's schema.
    const { code, err } = await inspectionsThroughBouncer(roleOf('fundraising'), 'role');
    expect(code).toBe(1);
    expect(err).toContain(`the role "${roleOf('fundraising')}" starts its sessions with search_path`);
    expect(err).toContain('ALTER ROLE CURRENT_USER SET search_path = "inspections", public');
  }, 60_000);
});
