import type { Pool } from 'pg';

export type RelayMode = 'logical' | 'snapshot';

/**
 * Logical replication needs `wal_level = logical` and a role that may replicate (REPLICATION or
 * superuser). `auto` takes it when both hold and falls back to the snapshot relay otherwise, saying
 * why; `logical` insists.
 */
export async function chooseRelayMode(pool: Pool, setting: 'auto' | RelayMode): Promise<{ mode: RelayMode; why?: string }> {
  if (setting === 'snapshot') return { mode: 'snapshot' };
  const r = await pool.query<{ wal: string; may: boolean }>(
    `SELECT current_setting('wal_level') AS wal, (SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user) AS may`,
  );
  const { wal, may } = r.rows[0];
  const why =
    wal !== 'logical'
      ? `the database runs with wal_level=${wal} (set wal_level=logical and restart it)`
      : !may
        ? 'the database role may not replicate (ALTER ROLE … REPLICATION)'
        : undefined;
  if (!why) return { mode: 'logical' };
  if (setting === 'logical') throw new Error(`EVENT_RELAY=logical, but ${why}; or set EVENT_RELAY=snapshot`);
  return { mode: 'snapshot', why };
}
