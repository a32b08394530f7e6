import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { canTraverse, type Account } from './reach';
import { StartupError } from './startup-error';

/**
 * Where, as root, PostgreSQL's binaries and data go when the requested place is under a directory
 * the PostgreSQL account cannot enter (a home directory is 0700, so is `mktemp -d`). Layout:
 *   /var/lib/khg                      root 0711 (enter, not list)
 *   /var/lib/khg/postgresql-<ver>/    root 0755, a copy of the package's binaries
 *   /var/lib/khg/clusters/<id>/       root 0711; `home` names the link that points here
 *   /var/lib/khg/clusters/<id>/data/  the data directory, owned by the PostgreSQL account, 0700
 * and the requested data directory becomes a symbolic link to …/data, so it is still found there.
 */
export const ROOT_HOME = '/var/lib/khg';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The data directory the requested `dir` currently links to, when it is one of ours. */
function linkedCluster(dir: string, home: string): string | null {
  try {
    if (!lstatSync(dir).isSymbolicLink()) return null;
    const target = resolve(dirname(dir), readlinkSync(dir));
    return target.startsWith(join(home, 'clusters') + '/') ? target : null;
  } catch {
    return null;
  }
}

/** Makes `data` a directory that only `who` can use (0700), as PostgreSQL requires. */
function ownData(data: string, who: Account): void {
  mkdirSync(data, { recursive: true, mode: 0o700 });
  chownSync(data, who.uid, who.gid);
  chmodSync(data, 0o700);
}

/**
 * The data directory PostgreSQL (running as `who`) will use for the requested `dir`: `dir` itself
 * when `who` can reach its parent, else a cluster under `home` that `dir` links to. `dirSetting`
 * names the setting that chose `dir`, for the message when neither can work.
 */
export function placeDataDir(dir: string, who: Account, home = ROOT_HOME, dirSetting = 'DATA_DIR'): string {
  dir = resolve(dir);
  const linked = linkedCluster(dir, home);
  if (linked) {
    ownData(linked, who); // recreated empty if it was removed; initdb fills it
    return linked;
  }
  mkdirSync(dirname(dir), { recursive: true });
  if (canTraverse(dirname(dir), who)) {
    ownData(dir, who);
    return dir;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    // data made earlier in place by a non-root run: PostgreSQL (as `who`) can open it only there
    throw new StartupError(
      `${dir} holds data that the "${who.name}" account cannot reach (a parent directory is private): start as the user who made it again, or set ${dirSetting} to a new directory`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  const clusters = join(home, 'clusters');
  mkdirSync(clusters, { recursive: true, mode: 0o711 });
  chmodSync(home, 0o711);
  chmodSync(clusters, 0o711);
  const cluster = join(clusters, randomBytes(6).toString('hex'));
  mkdirSync(cluster, { mode: 0o711 });
  // link first, then `home`: the reaper keeps a cluster whose link points at it
  symlinkSync(join(cluster, 'data'), dir);
  writeFileSync(join(cluster, 'home'), dir + '\n', { mode: 0o600 });
  ownData(join(cluster, 'data'), who);
  return join(cluster, 'data');
}

/** Ends the placement of a throw-away data directory (the link and the cluster). */
export function removeDataDir(dir: string, home = ROOT_HOME): void {
  const linked = linkedCluster(resolve(dir), home);
  if (linked) rmSync(dirname(linked), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes clusters whose link is gone (its directory was deleted: a test's temp dir, `rm -rf .data`)
 * and whose server is not running. Clusters still being created (no `home` yet) are left alone.
 */
export function reapClusters(home = ROOT_HOME): string[] {
  const clusters = join(home, 'clusters');
  if (!existsSync(clusters)) return [];
  const removed: string[] = [];
  for (const id of readdirSync(clusters)) {
    const cluster = join(clusters, id);
    const homeFile = join(cluster, 'home');
    if (!existsSync(homeFile) || !statSync(cluster).isDirectory()) continue;
    const link = readFileSync(homeFile, 'utf8').trim();
    if (linkedCluster(link, home) === join(cluster, 'data')) continue;
    const pidFile = join(cluster, 'data', 'postmaster.pid');
    if (existsSync(pidFile) && pidAlive(Number(readFileSync(pidFile, 'utf8').split('\n')[0]))) continue;
    rmSync(cluster, { recursive: true, force: true });
    removed.push(cluster);
  }
  return removed;
}
