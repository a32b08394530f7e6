import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTree, rowCount, asAdmin } from '@khg/testing';
import { gatewayBase } from './imports-helpers';

// `npm run import` against the running gateway: the same problems as the endpoint, exit codes an
// operator's script can use.

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'dist', 'cli', 'import.js');
const fixture = (name: string) => join(__dirname, 'fixtures', 'imports', name);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--url', gatewayBase(), '--token', await asAdmin()]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('npm run import', () => {
  it('prints the problems of a refused file and exits 1; validates and imports a good one', async () => {
    const t = await createTree(1, 1);
    const org = t.communeOrgs[0].id;
    const refused = await cli(['members', fixture('members-missing-column.xlsx'), '--org', org]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('problem  row 1, column "Ngày vào hội": The required column "Ngày vào hội" is missing');
    expect(refused.stdout).toMatch(/^REJECTED: /m);

    const dry = await cli(['members', fixture('members-messy.xlsx'), '--org', org, '--dry-run']);
    // the whole output in the failure message: what the CLI said is what explains an exit code
    expect({ code: dry.code, output: dry.stdout + dry.stderr }).toEqual({ code: 0, output: expect.any(String) });
    expect(dry.stdout).toContain('warning  row 3, column "Ghi chú": Unknown column "Ghi chú" was ignored');
    expect(dry.stdout).toMatch(/^VALIDATED: 4 rows, 0 written/m);
    expect(await rowCount('membership.members', 'organization_id = $1', [org])).toBe(0);

    const done = await cli(['members', fixture('members-messy.xlsx'), '--org', org]);
    expect({ code: done.code, output: done.stdout + done.stderr }).toEqual({ code: 0, output: expect.any(String) });
    expect(done.stdout).toMatch(/^COMPLETED: 4 rows, 4 written/m);
    expect(await rowCount('membership.members', 'organization_id = $1', [org])).toBe(4);

    const usage = await cli(['nothing', 'x.xlsx']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown kind "nothing"; one of members, area-statistics/);
  });
});
