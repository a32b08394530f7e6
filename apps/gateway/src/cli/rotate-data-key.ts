import { Pool } from 'pg';
import { SecretBox } from '../events/secret-box';

/**
 * `npm run rotate-data-key`: re-seals every webhook signing secret with the current DATA_KEY (those
 * stored in clear by an older version included), in one transaction. Run it with the new key in
 * DATA_KEY and the old one in DATA_KEYS_PREVIOUS (docs/security.md); afterwards the old key can go.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name the database of the gateway (its events schema)');
  const box = SecretBox.fromEnv();
  const pool = new Pool({ connectionString: url, max: 1 });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query<{ id: string; secret: string }>('SELECT id, secret FROM events.webhooks ORDER BY id FOR UPDATE');
    let resealed = 0;
    for (const r of rows) {
      if (!box.needsRotation(r.secret)) continue;
      await c.query('UPDATE events.webhooks SET secret = $2 WHERE id = $1', [r.id, box.seal(box.open(r.secret, r.id), r.id)]);
      resealed++;
    }
    await c.query('COMMIT');
    process.stdout.write(`${resealed} of ${rows.length} webhook secrets re-sealed with data key ${box.currentId}\n`);
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
    await pool.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`Could not rotate the data key: ${(e as Error).message}\n`);
  process.exit(1);
});
