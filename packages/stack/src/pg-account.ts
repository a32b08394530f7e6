import { execFileSync } from 'node:child_process';
import { StartupError } from './startup-error';
import type { Account } from './reach';

/** PostgreSQL refuses to run as root; as root we run it as this account (created when missing). */
export const PG_ACCOUNT = 'postgres';

function lookup(name: string): Account | null {
  try {
    const id = (flag: string) => execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { name, uid: Number(id('-u')), gid: Number(id('-g')), groups: id('-G').split(/\s+/).map(Number) };
  } catch {
    return null;
  }
}

/** The account PostgreSQL runs as when we are root: a system account with no login and no home. */
export function ensurePostgresAccount(name = PG_ACCOUNT): Account {
  const found = lookup(name);
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    throw new StartupError(
      `PostgreSQL cannot run as root and the account "${name}" to run it as could not be created (${String((e as Error).message).split('\n')[0]}): create it (useradd --system --user-group ${name}) or run npm start as an ordinary user`,
    );
  }
  const created = lookup(name);
  if (!created) throw new StartupError(`The account "${name}" was created but cannot be looked up: check /etc/passwd, or run npm start as an ordinary user`);
  return created;
}
