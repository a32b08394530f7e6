import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '@khg/stack';
import { graphOk, sql, testState } from '@khg/testing';

const REGISTER = `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { secret webhook { id } } }`;

/** `npm run rotate-data-key` as an operator runs it, with the platform's database and secrets. */
async function rotate(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'apps/gateway/dist/cli/rotate-data-key.js')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: testState().databaseUrl, INTERNAL_SECRET: testState().internalSecret, ...env },
  });
  return stdout;
}

describe('webhook signing secrets at rest', () => {
  it('are stored sealed, never in clear, and a key rotation re-seals every one', async () => {
    const reg = await graphOk<{ registerWebhook: { secret: string; webhook: { id: string } } }>(REGISTER, {
      i: { url: 'http://127.0.0.1:9/never', types: ['FUND_OPENED'] },
    });
    const { secret, webhook } = reg.registerWebhook;
    const stored = async () => (await sql<{ secret: string }>('SELECT secret FROM events.webhooks WHERE id = $1', [webhook.id]))[0].secret;
    const before = await stored();
    expect(before).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(before).not.toContain(secret);
    expect(await sql('SELECT count(*)::int AS n FROM events.webhooks WHERE secret = $1 OR secret LIKE $2', [secret, `%${secret}%`])).toEqual([{ n: 0 }]);

    // A new DATA_KEY: everything is re-sealed with it; then back to the platform's own key.
    const k1 = randomBytes(32).toString('base64');
    expect(await rotate({ DATA_KEY: k1 })).toMatch(/webhook secrets re-sealed with data key [0-9a-f]{8}/);
    const withK1 = await stored();
    expect(withK1).not.toBe(before);
    expect(withK1.split(':')[2]).not.toBe(before.split(':')[2]);
    expect(await rotate({ DATA_KEY: k1 })).toMatch(/^0 of \d+ webhook secrets re-sealed/);
    await rotate({ DATA_KEYS_PREVIOUS: k1 });
    expect((await stored()).split(':')[2]).toBe(before.split(':')[2]);
    // Still the same secret: the webhooks listing works through the gateway (it opens each one).
    const list = await graphOk<{ webhooks: { id: string }[] }>('{ webhooks { id } }');
    expect(list.webhooks.map((w) => w.id)).toContain(webhook.id);
    await graphOk('mutation($id: ID!) { removeWebhook(id: $id) }', { id: webhook.id });
  });

  it('a rotation that meets a secret sealed with a key it does not know changes nothing and says why', async () => {
    await graphOk(REGISTER, { i: { url: 'http://127.0.0.1:9/never', types: ['FUND_OPENED'] } });
    const rows = await sql<{ id: string; secret: string }>('SELECT id, secret FROM events.webhooks ORDER BY id');
    const unknownKey = 'enc:v1:deadbeef:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AA==';
    await sql('UPDATE events.webhooks SET secret = $1 WHERE id = $2', [unknownKey, rows[0].id]);
    try {
      const before = await sql('SELECT id, secret FROM events.webhooks ORDER BY id');
      await expect(rotate({ DATA_KEY: randomBytes(32).toString('hex') })).rejects.toThrow(/No data key with id deadbeef/);
      expect(await sql('SELECT id, secret FROM events.webhooks ORDER BY id')).toEqual(before);
    } finally {
      await sql('UPDATE events.webhooks SET secret = $1 WHERE id = $2', [rows[0].secret, rows[0].id]);
    }
  });
});
