import { statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A Unix account as the kernel checks it: its uid and every group it belongs to. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  groups: number[];
}

type StatFn = (path: string) => Pick<Stats, 'uid' | 'gid' | 'mode'>;

/** Whether `who` has permission `bit` (4 read, 2 write, 1 execute/search) on a file with `st`. */
export function permits(st: Pick<Stats, 'uid' | 'gid' | 'mode'>, who: Account, bit: 1 | 2 | 4): boolean {
  if (who.uid === 0) return true;
  if (st.uid === who.uid) return ((st.mode >> 6) & bit) !== 0;
  if (who.groups.includes(st.gid) || st.gid === who.gid) return ((st.mode >> 3) & bit) !== 0;
  return (st.mode & bit) !== 0;
}

/** `/a/b/c` → `/`, `/a`, `/a/b`, `/a/b/c`. */
export function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let p = resolve(path); ; p = dirname(p)) {
    out.unshift(p);
    if (dirname(p) === p) return out;
  }
}

/**
 * Whether `who` can reach `path` by name: search permission on it and on every directory above it
 * (ACLs are not read, so the answer errs towards "no"). A missing directory cannot be reached.
 */
export function canTraverse(path: string, who: Account, stat: StatFn = statSync): boolean {
  try {
    return ancestors(path).every((d) => permits(stat(d), who, 1));
  } catch {
    return false;
  }
}
