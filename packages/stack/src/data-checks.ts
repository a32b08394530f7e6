import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StartupError } from './startup-error';

/** Below this much free space PostgreSQL's first start (initdb, migrations, demo data) would fail. */
export const MIN_FREE_BYTES = 128 * 1024 * 1024;

const mb = (n: number) => `${Math.floor(n / 1024 / 1024)} MB`;

export function diskFullMessage(dir: string, setting = 'DATA_DIR', free?: number): string {
  return `No space left on the disk that holds ${dir}${free === undefined ? '' : ` (${mb(free)} free, ${mb(MIN_FREE_BYTES)} needed)`}: free some space, or set ${setting} to a directory on a disk with room`;
}

/** The problem with `free` bytes available for the data directory, or null when it is enough. */
export function diskSpaceProblem(free: number, dir: string, setting = 'DATA_DIR'): string | null {
  return free < MIN_FREE_BYTES ? diskFullMessage(dir, setting, free) : null;
}

/** The nearest directory at or above `path` that exists (the disk the data will go on). */
export function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export function assertDiskSpace(dir: string, setting = 'DATA_DIR'): void {
  const s = statfsSync(existingAncestor(dir));
  const problem = diskSpaceProblem(s.bavail * s.bsize, dir, setting);
  if (problem) throw new StartupError(problem);
}

/**
 * The problem with a data directory whose PG_VERSION says `found` for a server of major `embedded`,
 * or null when they match. PostgreSQL opens only data directories of its own major version.
 */
export function dataVersionProblem(found: string, embedded: number, dir: string, setting = 'DATA_DIR'): string | null {
  const major = Number(found.trim());
  if (major === embedded) return null;
  return `${dir} holds data of PostgreSQL ${found.trim()}, but this version embeds PostgreSQL ${embedded}, which cannot open it: set ${setting} to another directory (or move this one away) for a fresh database; to keep the data, pg_dump it with PostgreSQL ${found.trim()} and restore it into the new one`;
}

export function assertDataVersion(dataDir: string, embedded: number, shownDir: string, setting = 'DATA_DIR'): void {
  const file = join(dataDir, 'PG_VERSION');
  if (!existsSync(file)) return;
  const problem = dataVersionProblem(readFileSync(file, 'utf8'), embedded, shownDir, setting);
  if (problem) throw new StartupError(problem);
}

/** What a failed PostgreSQL start printed, turned into the one line to show, or null if unknown. */
export function explainPostgresOutput(output: string, o: { port: number; dir: string; portSetting?: string; dirSetting?: string }): string | null {
  const portSetting = o.portSetting ?? 'EMBEDDED_PG_PORT';
  const dirSetting = o.dirSetting ?? 'DATA_DIR';
  if (/Address already in use/i.test(output))
    return `Port ${o.port} is already in use (${portSetting}): stop what listens there, or set ${portSetting} to a free port (e.g. ${portSetting}=${o.port + 100} npm start) — PostgreSQL cannot start`;
  if (/No space left on device/i.test(output)) return diskFullMessage(o.dir, dirSetting);
  const incompatible =
    /database files are incompatible with server[\s\S]*?initialized by PostgreSQL version (\d+)[^,]*, which is not compatible with this version (\d+)/.exec(
      output,
    );
  if (incompatible) return dataVersionProblem(incompatible[1], Number(incompatible[2]), o.dir, dirSetting);
  if (/Permission denied/i.test(output)) {
    const line =
      output
        .split('\n')
        .find((l) => /Permission denied/i.test(l))
        ?.trim() ?? '';
    return `PostgreSQL cannot use its files (${line}): set ${dirSetting} to a directory this user (or, as root, the postgres account) can write`;
  }
  return null;
}
