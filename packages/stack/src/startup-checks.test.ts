import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeDataDir } from './pg-placement';
import { freePort } from './ports';
import { assertPortsFree } from './port-check';
import { dataVersionProblem, diskSpaceProblem, explainPostgresOutput, MIN_FREE_BYTES } from './data-checks';
import { canTraverse, permits, type Account } from './reach';
import { StartupError, startupMessage } from './startup-error';

const pg: Account = { name: 'postgres', uid: 101, gid: 102, groups: [102] };
const dir = (mode: number, uid = 0, gid = 0) => ({ mode: 0o040000 | mode, uid, gid });

describe('reach: can the postgres account get to a path', () => {
  test('a 0700 directory of root blocks it, 0711/0755 let it through', () => {
    const tree: Record<string, ReturnType<typeof dir>> = {
      '/': dir(0o755),
      '/root': dir(0o700),
      '/root/k': dir(0o755),
      '/srv': dir(0o711),
      '/srv/k': dir(0o755),
    };
    const stat = (p: string) => {
      if (!tree[p]) throw new Error('ENOENT');
      return tree[p];
    };
    expect(canTraverse('/root/k', pg, stat)).toBe(false);
    expect(canTraverse('/srv/k', pg, stat)).toBe(true);
    expect(canTraverse('/srv/missing', pg, stat)).toBe(false);
  });

  test('owner and group bits count for the owner and the members', () => {
    expect(permits(dir(0o700, 101), pg, 1)).toBe(true);
    expect(permits(dir(0o070, 0, 102), pg, 1)).toBe(true);
    expect(permits(dir(0o077, 101), pg, 1)).toBe(false); // the owner's own bits decide, not others'
  });
});

describe('one-line messages', () => {
  test('a data directory of another PostgreSQL major names DATA_DIR and both versions', () => {
    expect(dataVersionProblem('18\n', 18, '/x/.data/pg')).toBeNull();
    const m = dataVersionProblem('16\n', 18, '/x/.data/pg')!;
    expect(m).toMatch(/PostgreSQL 16.*PostgreSQL 18.*set DATA_DIR/);
    expect(m).not.toContain('\n');
  });

  test('a nearly full disk names DATA_DIR; enough room passes', () => {
    expect(diskSpaceProblem(MIN_FREE_BYTES, '/d')).toBeNull();
    expect(diskSpaceProblem(5 * 1024 * 1024, '/d')).toMatch(/^No space left on the disk that holds \/d \(5 MB free.*set DATA_DIR/);
  });

  test("PostgreSQL's own failure output becomes the line naming the setting", () => {
    const ctx = { port: 54329, dir: '/x/.data/pg' };
    expect(
      explainPostgresOutput('LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\nFATAL:  could not create any TCP/IP sockets', ctx),
    ).toMatch(/^Port 54329 is already in use \(EMBEDDED_PG_PORT\).*set EMBEDDED_PG_PORT/);
    expect(explainPostgresOutput('FATAL:  could not write to file "pg_wal/xlogtemp.1": No space left on device', ctx)).toMatch(/set DATA_DIR/);
    expect(
      explainPostgresOutput(
        'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 16, which is not compatible with this version 18.4.',
        ctx,
      ),
    ).toMatch(/PostgreSQL 16.*PostgreSQL 18.*set DATA_DIR/);
    expect(explainPostgresOutput('LOG: something else', ctx)).toBeNull();
  });

  test('data made in place under a private directory, which the postgres account cannot reach, names the setting and is left alone', () => {
    const parent = mkdtempSync(join(tmpdir(), 'khg-placement-'));
    try {
      chmodSync(parent, 0o700);
      const data = join(parent, 'pg');
      mkdirSync(data);
      writeFileSync(join(data, 'PG_VERSION'), '18\n');
      const stranger: Account = { name: 'postgres', uid: 2 ** 30, gid: 2 ** 30, groups: [] }; // owns nothing here
      let thrown: unknown;
      try {
        placeDataDir(data, stranger, join(parent, 'home'), 'KHG_DATA');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(StartupError);
      expect(startupMessage(thrown)).toBe(
        `${data} holds data that the "postgres" account cannot reach (a parent directory is private): start as the user who made it again, or set KHG_DATA to a new directory`,
      );
      expect(startupMessage(thrown)).not.toContain('\n');
      expect(readFileSync(join(data, 'PG_VERSION'), 'utf8')).toBe('18\n');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('an unknown error prints its first line only', () => {
    expect(startupMessage(new Error('first\n    at stack'))).toBe('first');
    expect(startupMessage(new StartupError('as is'))).toBe('as is');
  });
});

describe('ports in use (real listeners)', () => {
  let held: Server;
  let heldPort: number;
  beforeAll(async () => {
    held = createServer();
    await new Promise<void>((r) => held.listen(0, '127.0.0.1', () => r()));
    heldPort = (held.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => held.close(() => r())));

  test('a taken port fails with one line naming its setting', async () => {
    const free = await freePort();
    const check = assertPortsFree([
      { setting: 'PORT', port: free },
      { setting: 'FUNDRAISING_PORT', port: heldPort },
    ]);
    await expect(check).rejects.toBeInstanceOf(StartupError);
    await expect(check).rejects.toThrow(new RegExp(`^Port ${heldPort} is already in use \\(FUNDRAISING_PORT\\).*set FUNDRAISING_PORT to a free port`));
  });

  test('free ports pass and leave nothing listening', async () => {
    const free = await freePort();
    await assertPortsFree([{ setting: 'PORT', port: free }]);
    await assertPortsFree([{ setting: 'PORT', port: free }]); // the probe released it
  });

  test('two settings on one port are named together', async () => {
    await expect(
      assertPortsFree([
        { setting: 'PORT', port: 4999 },
        { setting: 'MEMBERSHIP_PORT', port: 4999 },
      ]),
    ).rejects.toThrow('MEMBERSHIP_PORT and PORT are both 4999');
  });
});
