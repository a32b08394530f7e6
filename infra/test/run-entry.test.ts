import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPH_MANIFEST } from '@khg/platform/manifest';

/** The image's entry point chooses the process by its argument, from the subgraph manifest. */
const RUN = join(__dirname, '..', 'docker', 'run.mjs');

describe('the image entry point (infra/docker/run.mjs)', () => {
  it('names every process it can run when given one it does not know', () => {
    const r = spawnSync(process.execPath, [RUN, 'nonesuch'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    for (const name of ['gateway', 'migrate', ...SUBGRAPH_MANIFEST.map((m) => m.name)]) expect(r.stderr).toContain(name);
    expect(r.stderr).toContain('got nonesuch');
  });

  it('refuses to migrate without a database for each subgraph, naming the setting', () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [RUN, 'migrate'], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('MEMBERSHIP_DATABASE_URL');
  });

  it('refuses a heap limit that is not a number of megabytes before it starts a service, in one line', () => {
    for (const what of ['gateway', 'membership']) {
      const r = spawnSync(process.execPath, [RUN, what], { encoding: 'utf8', env: { ...process.env, KHG_HEAP_MB: 'lots' } });
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe('KHG_HEAP_MB must be a whole number of megabytes, at least 128 (got "lots")');
    }
  });
});
