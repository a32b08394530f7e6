import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY, freePort, startService, type RunningService } from '@khg/stack';
import { asAdmin, createTree, testState } from '@khg/testing';

/** CORS for browsers on other origins, and GraphQL over HTTP as the spec has it (issue 16). */

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const url = () => testState().gatewayUrl;

async function preflight(target: string, origin: string, headers = 'authorization, content-type') {
  return fetch(target, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers } });
}

describe('CORS (development defaults outside production)', () => {
  it('answers a preflight from a local dev server 204 with methods, headers and a max-age', async () => {
    const res = await preflight(url(), 'http://localhost:5173', 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name']),
    );
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('adds the CORS headers to the actual request of an allowed origin, and exposes the cache header', async () => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:8080', 'content-type': 'application/json', authorization: `Bearer ${await asAdmin()}` },
      body: JSON.stringify({ query: '{ areas(level: PROVINCE) { id } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-khg-cache/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives a disallowed origin no CORS header at all, on the preflight or the request', async () => {
    const pre = await preflight(url(), 'https://evil.example');
    expect(pre.status).toBe(204);
    expect([...pre.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    const res = await fetch(url(), {
      method: 'POST',
      headers: { origin: 'http://localhost.evil.example', 'content-type': 'application/json', authorization: `Bearer ${await asAdmin()}` },
      body: '{"query":"{ __typename }"}',
    });
    expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
  });

  it('keeps CSRF prevention: a simple request (no token, no preflight header) is refused before it runs', async () => {
    const res = await fetch(`${url()}?query=${encodeURIComponent('{ areas(level: PROVINCE) { id } }')}`, { headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].message).toMatch(/CSRF/);
    const form = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost:5173' },
      body: '{"query":"mutation { __typename }"}',
    });
    expect(form.status).toBe(400);
  });

  it('preflights the SSE endpoint too', async () => {
    const res = await preflight(url().replace(/\/graphql$/, '/graphql/stream'), 'http://localhost:3000', 'authorization, content-type, last-event-id');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });
});

describe('CORS_ORIGINS', () => {
  let gw: RunningService;
  let gwUrl: string;
  beforeAll(async () => {
    gw = await startService(GATEWAY, await freePort(), {
      env: {
        ...process.env,
        ...testState().env,
        NODE_ENV: 'production',
        CORS_ORIGINS: 'https://app.example.vn, https://bao-cao.example.vn',
        CORS_CREDENTIALS: 'true',
        JWT_SECRET: testState().jwtSecret,
        INTERNAL_SECRET: testState().internalSecret,
      },
      output: testState().logFile,
    });
    gwUrl = `${gw.url}/graphql`;
  }, 60_000); // the preset's testTimeout does not reach projects: a gateway's start needs more than jest's 5 s
  afterAll(() => gw.stop());

  it('allows exactly the listed origins, with credentials, and not the development defaults', async () => {
    const ok = await preflight(gwUrl, 'https://app.example.vn');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.vn');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    for (const origin of ['http://localhost:5173', 'https://app.example.vn.evil.example', 'http://app.example.vn']) {
      const no = await preflight(gwUrl, origin);
      expect(no.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses to start with * while credentials are allowed', async () => {
    const port = await freePort();
    const log = join(mkdtempSync(join(tmpdir(), 'khg-cors-')), 'gateway.log');
    await expect(
      startService(GATEWAY, port, {
        env: { ...process.env, ...testState().env, CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' },
        output: log,
        readyTimeoutMs: 30_000,
      }),
    ).rejects.toThrow(/exited with code 1/);
    // refused for this reason, not for any other
    expect(readFileSync(log, 'utf8')).toMatch(/CORS_ORIGINS: \* is refused while CORS_CREDENTIALS is on/);
  }, 60_000);
});

describe('GraphQL over HTTP', () => {
  const auth = async () => ({ authorization: `Bearer ${await asAdmin()}` });
  const QUERY = 'query Provinces { areas(level: PROVINCE) { id name } }';

  it('answers in application/graphql-response+json when asked, with 400 for a parse or validation error', async () => {
    const post = async (query: string, accept: string) =>
      fetch(url(), { method: 'POST', headers: { ...(await auth()), 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
    const ok = await post(QUERY, 'application/graphql-response+json');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const parse = await post('{ areas(', 'application/graphql-response+json');
    expect(parse.status).toBe(400);
    expect(parse.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const invalid = await post('{ noSuchField }', 'application/graphql-response+json');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // local introspection answers in the asked media type too
    const typename = await post('{ __typename __type(name: "Nope") { name } }', 'application/graphql-response+json');
    expect(typename.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const legacy = await post(QUERY, 'application/json');
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('runs queries by GET, with APQ by hash alone once registered', async () => {
    await createTree(1, 1);
    const get = async (params: Record<string, string>) =>
      fetch(`${url()}?${new URLSearchParams(params)}`, { headers: { ...(await auth()), accept: 'application/graphql-response+json' } });
    const plain = await get({ query: QUERY, operationName: 'Provinces' });
    expect(plain.status).toBe(200);
    // as README says: no shared or browser cache keeps an answer (every call carries a token); the gateway's own cache does
    expect(plain.headers.get('cache-control')).toBe('no-store');
    const data = (await plain.json()) as { data: { areas: unknown[] } };
    expect(data.data.areas.length).toBeGreaterThan(0);
    // registered by the first GET that carries both text and hash; then the hash alone is enough
    const text = `${QUERY} `;
    const apqText = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });
    const miss = await get({ extensions: apqText });
    expect(((await miss.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get({ query: text, extensions: apqText })).status).toBe(200);
    const byHash = await get({ extensions: apqText });
    expect(byHash.status).toBe(200);
    expect(((await byHash.json()) as { data: { areas: unknown[] } }).data.areas).toEqual(data.data.areas);
  });

  it('refuses a mutation by GET (405) and runs nothing', async () => {
    const res = await fetch(
      `${url()}?${new URLSearchParams({ query: 'mutation { createArea(input: { level: PROVINCE, name: "X", code: "99999" }) { id } }' })}`,
      { headers: await auth() },
    );
    expect(res.status).toBe(405);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0].message).toMatch(/mutation/i);
    const after = await fetch(url(), {
      method: 'POST',
      headers: { ...(await auth()), 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ areas(level: PROVINCE) { code } }' }),
    });
    const provinces = ((await after.json()) as { data: { areas: { code: string }[] } }).data.areas;
    expect(provinces.length).toBeGreaterThan(0);
    expect(provinces.map((a) => a.code)).not.toContain('99999');
  });

  it('answers a variable that cannot be coerced 400 with BAD_USER_INPUT, naming the variable', async () => {
    const res = await fetch(url(), {
      method: 'POST',
      headers: { ...(await auth()), 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($level: AreaLevel!) { areas(level: $level) { id } }', variables: { level: 'GALAXY' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/\$level/);
    expect(body.data).toBeUndefined();
  });

  it('answers a document only about the schema, which the gateway answers itself, with the same 400s and codes as the others', async () => {
    const post = async (query: string, variables: Record<string, unknown>, accept = 'application/json') => {
      const res = await fetch(url(), {
        method: 'POST',
        headers: { ...(await auth()), 'content-type': 'application/json', accept },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] } };
    };
    const coercion = await post('query ($name: String!) { __type(name: $name) { name } }', { name: 7 });
    expect(coercion.status).toBe(400);
    expect(coercion.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(coercion.body.errors[0].message).toMatch(/\$name/);
    expect(coercion.body.data).toBeUndefined();
    // graphql-http's coercion probe: its variable is unused, so it is a validation error, in either media type
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const probe = await post('query CoerceFailure($id: ID!){ __typename }', { id: null }, accept);
      expect(probe.status).toBe(400);
      expect(probe.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const fine = await post('query ($name: String!) { __type(name: $name) { name } }', { name: 'Member' });
    expect(fine).toEqual({ status: 200, body: { data: { __type: { name: 'Member' } } } });
  });
});
