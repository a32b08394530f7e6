import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database';
import { freePort } from '../src/ports';
import { StartupError } from '../src/startup-error';

test('a data directory from another PostgreSQL major is refused with one line naming DATA_DIR, and left untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khg-oldpg-'));
  const pg = join(dir, 'pg');
  mkdirSync(pg);
  writeFileSync(join(pg, 'PG_VERSION'), '16\n');
  try {
    const start = startEmbeddedPostgres({ dir: pg, port: await freePort(), persistent: true });
    await expect(start).rejects.toBeInstanceOf(StartupError);
    await expect(start).rejects.toThrow(new RegExp(`^${pg} holds data of PostgreSQL 16, but this version embeds PostgreSQL \\d+, .*set DATA_DIR`));
    expect(readdirSync(pg)).toEqual(['PG_VERSION']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
