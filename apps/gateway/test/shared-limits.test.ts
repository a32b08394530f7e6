import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { Role } from '@khg/domain';
import { GATEWAY, freePort, startService, type RunningService } from '@khg/stack';
import { eventually, testState, tokenFor } from '@khg/testing';

/**
 * Two gateway replicas sharing one Redis (Debian's redis-server), as behind a load balancer: the
 * rate limit holds once across both, APQ documents registered through one are known to the other,
 * and X-Forwarded-For picks the client's bucket only when a trusted proxy sent it.
 */
const REDIS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/bin/valkey-server'].find((p) => existsSync(p));
if (!REDIS) process.stdout.write('SKIPPED shared rate limit and APQ tests: no redis-server. Install it with: apt-get install -y redis-server\n');

const LIMIT = 10;
let redis: ChildProcess | null = null;
let a: RunningService | null = null;
let b: RunningService | null = null;

async function redisAnswers(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const s = new Socket();
    s.once('error', reject);
    s.connect(port, '127.0.0.1', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      if (d.toString().startsWith('+PONG')) resolve();
      else reject(new Error(d.toString()));
    });
  });
}

const QUERY = 'query Provinces { areas(level: PROVINCE) { id } }';

async function post(gw: RunningService, body: object, headers: Record<string, string> = {}): Promise<{ status: number; body: any; retryAfter: string | null }> {
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

(REDIS ? describe : describe.skip)('two gateways sharing Redis', () => {
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(REDIS!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(
      () =>
        redisAnswers(port).then(
          () => true,
          () => false,
        ),
      'redis-server answering PING',
    );
    const env = {
      ...process.env,
      ...testState().env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      // LIMIT requests per caller, refilled so slowly that none comes back during the test
      RATE_LIMIT_CALLER: `0.001/${LIMIT}`,
      RATE_LIMIT_ROLE: '1000/100000',
    };
    // A trusts no proxy we are (the peer is 127.0.0.1); B trusts the loopback, as behind a local HAProxy.
    [a, b] = await Promise.all([
      startService(GATEWAY, await freePort(), { env: { ...env, TRUSTED_PROXIES: '10.9.9.9' }, output: testState().logFile }),
      startService(GATEWAY, await freePort(), { env: { ...env, TRUSTED_PROXIES: 'loopback' }, output: testState().logFile }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    if (redis && redis.exitCode === null) {
      const exited = new Promise((r) => redis!.once('exit', r));
      redis.kill('SIGTERM');
      await exited;
    }
  });

  it('allows a caller its limit once across both replicas, not once per replica', async () => {
    const token = await tokenFor({ role: Role.ANALYST, sub: `limits-${randomBytes(4).toString('hex')}` });
    const answers = [];
    // alternately, one at a time: a replica's own memory would allow LIMIT on each, 2 × LIMIT in all
    for (let i = 0; i < 3 * LIMIT; i++) answers.push(await post(i % 2 ? b! : a!, { query: QUERY }, { authorization: `Bearer ${token}` }));
    const allowed = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status === 429);
    expect(allowed.length).toBeGreaterThanOrEqual(LIMIT - 1);
    expect(allowed.length).toBeLessThanOrEqual(LIMIT + 1);
    expect(allowed.length + refused.length).toBe(3 * LIMIT);
    expect(allowed.every((r) => Array.isArray(r.body.data.areas))).toBe(true);
    expect(refused[0].body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(refused[0].retryAfter)).toBeGreaterThan(0);
    // both replicas refused once the shared budget was spent
    expect(new Set(answers.slice(-4).map((r) => r.status))).toEqual(new Set([429]));
  }, 60_000);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    // Anonymous callers are keyed by address: every forged address here is one bucket, the TCP peer's.
    const answers = [];
    for (let i = 0; i < 2 * LIMIT; i++) answers.push(await post(a!, { query: QUERY }, { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    const notLimited = answers.filter((r) => r.status !== 429);
    expect(notLimited.length).toBe(LIMIT);
    expect(notLimited.every((r) => r.status === 401)).toBe(true);
    expect(answers.slice(LIMIT).every((r) => r.status === 429)).toBe(true);
  }, 60_000);

  it('keys anonymous callers by X-Forwarded-For when a trusted proxy sent it', async () => {
    // Behind the trusted proxy, each client address has its own budget...
    const distinct = [];
    for (let i = 0; i < 2 * LIMIT; i++) distinct.push(await post(b!, { query: QUERY }, { 'x-forwarded-for': `198.51.100.${i + 1}` }));
    expect(distinct.map((r) => r.status)).toEqual(Array(2 * LIMIT).fill(401));
    // ...and one client stays within its own, whichever replica it reaches.
    const same = [];
    for (let i = 0; i < LIMIT + 2; i++) same.push(await post(b!, { query: QUERY }, { 'x-forwarded-for': '192.0.2.77' }));
    expect(same.filter((r) => r.status === 401).length).toBe(LIMIT);
    expect(same.slice(LIMIT).map((r) => r.status)).toEqual([429, 429]);
  }, 60_000);

  it('finds an APQ document registered through the other replica', async () => {
    const token = await tokenFor({ role: Role.ANALYST, sub: `apq-${randomBytes(4).toString('hex')}` });
    const auth = { authorization: `Bearer ${token}` };
    const query = `query Apq${randomBytes(4).toString('hex')} { areas(level: PROVINCE) { id } }`;
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const byHash = { extensions: { persistedQuery } };

    const unknown = await post(b!, byHash, auth);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a!, { query, extensions: { persistedQuery } }, auth);
    expect(registered.status).toBe(200);
    const found = await post(b!, byHash, auth);
    expect(found.status).toBe(200);
    expect(found.body.errors).toBeUndefined();
    expect(Array.isArray(found.body.data.areas)).toBe(true);
  }, 60_000);
});
