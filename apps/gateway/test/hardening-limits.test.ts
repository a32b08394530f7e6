import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@khg/domain';
import { GATEWAY, freePort, startService, type RunningService } from '@khg/stack';
import { asAdmin, codes, graph, subscribe, testState, tokenFor } from '@khg/testing';

interface Raw {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(body: string | unknown, opts: { token?: string | null; url?: string } = {}): Promise<Raw> {
  const token = opts.token === undefined ? await asAdmin() : opts.token;
  const res = await fetch(opts.url ?? testState().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Raw['body'] };
}

const NORMAL = '{ areas(level: PROVINCE) { id name } }';

/** 'answered' for a 200 with data and no errors (GraphQL errors come back with 200 too), else the status. */
const answered = (r: Raw): number | 'answered' => (r.status === 200 && !r.body.errors && r.body.data ? 'answered' : r.status);

/** A normal query still answers, at once, after each hostile one. */
async function stillServes(url?: string): Promise<void> {
  const r = await post({ query: NORMAL }, { url });
  expect(r.status).toBe(200);
  expect(r.body.errors).toBeUndefined();
  expect(Array.isArray((r.body.data as { areas: unknown }).areas)).toBe(true);
}

function refused(r: Raw, limit: string, max: number): void {
  expect(r.status).toBe(400);
  const e = r.body.errors![0];
  expect(e.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit, max });
  expect(e.message).toContain(`${limit} limit is ${max}`);
  expect(r.body.data ?? null).toBeNull();
}

describe('operation limits at the gateway', () => {
  it('refuses deep nesting (depth 12)', async () => {
    const deep = `{ organizations { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } }`;
    refused(await post({ query: deep }), 'depth', 12);
    await stillServes();
  });

  it('refuses an alias flood (30 aliases)', async () => {
    const flood = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: organization(id: "org_00000000-0000-7000-8000-000000000000") { id }`).join(' ')} }`;
    refused(await post({ query: flood }), 'aliases', 30);
    await stillServes();
  });

  it('refuses a token flood (5000 tokens) before parsing it all', async () => {
    const flood = `{ ${'__typename '.repeat(20_000)}}`;
    refused(await post({ query: flood }), 'tokens', 5000);
    await stillServes();
  });

  it('refuses a directive flood (50 directives)', async () => {
    const flood = `{ __typename ${'@skip(if: false) '.repeat(80)}}`;
    refused(await post({ query: flood }), 'directives', 50);
    await stillServes();
  });

  it('refuses a cost bomb: lists multiply by first or the default list size', async () => {
    const bomb = `{ members(first: 500) { edges { node { memberships { organization { children { children { children { id } } } } } } } } }`;
    const r = await post({ query: bomb });
    refused(r, 'cost', 50_000);
    expect(r.body.errors![0].extensions!.actual as number).toBeGreaterThan(50_000);
    await stillServes();
  });

  it('refuses first: 1000000, as a literal and as a variable', async () => {
    refused(await post({ query: '{ members(first: 1000000) { totalCount } }' }), 'first', 500);
    refused(await post({ query: 'query($n: Int) { members(first: $n) { totalCount } }', variables: { n: 1_000_000 } }), 'first', 500);
    const ok = await post({ query: '{ members(first: 500) { totalCount } }' });
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expect(typeof (ok.body.data as { members: { totalCount: number } }).members.totalCount).toBe('number');
    await stillServes();
  });

  it('refuses a 5 MB body with 413 before reading it all', async () => {
    const big = JSON.stringify({ query: NORMAL, variables: { pad: 'x'.repeat(5 * 1024 * 1024) } });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect(r.body.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: 1_000_000 });
    await stillServes();
  });

  it('refuses a batch of 1,000 operations (batching is off)', async () => {
    const r = await post(Array.from({ length: 1000 }, () => ({ query: NORMAL })));
    refused(r, 'batch', 0);
    expect(r.body.errors![0].message).toContain('Batched requests are off');
    await stillServes();
  });

  it('refuses introspection without a token, answers it with one', async () => {
    const r = await post({ query: '{ __schema { queryType { name } } }' }, { token: null });
    expect(r.status).toBe(401);
    expect(r.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    const ok = await post({ query: '{ __schema { queryType { name } } }' });
    expect(ok.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('gives no field suggestions, with or without a token', async () => {
    const anonymous = await post({ query: '{ membrs { id } }' }, { token: null });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('membrs');
    const r = await post({ query: '{ membrs { id } }' });
    expect(r.status).toBe(400);
    expect(r.body.errors![0].message).toContain('Cannot query field "membrs"');
    expect(JSON.stringify(r.body)).not.toMatch(/Did you mean/);
    const intro = await post({ query: '{ __schema { queryTyp { name } } }' });
    expect(intro.status).toBe(400);
    expect(intro.body.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(intro.body)).not.toMatch(/Did you mean/);
  });

  it('applies the same limits to subscriptions', async () => {
    const deep = `subscription { events { cursor member { organization { ${'parent { '.repeat(14)}id${' }'.repeat(14)} } } } }`;
    const sub = await subscribe(deep, {});
    expect(JSON.stringify(sub.error)).toContain('OPERATION_LIMIT');
    expect(JSON.stringify(sub.error)).toContain('depth limit is 12');
    await sub.close();
  });

  it('serves automatic persisted queries through the gateway', async () => {
    const query = `{ areas(level: PROVINCE) { id code } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const ext = { persistedQuery: { version: 1, sha256Hash } };
    const miss = await post({ extensions: ext });
    expect(miss.body.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await post({ query, extensions: ext });
    expect(register.body.errors).toBeUndefined();
    const hit = await post({ extensions: ext });
    expect(hit.status).toBe(200);
    expect(hit.body.data).toEqual(register.body.data);
  });
});

describe('rate limits and the safelist (own gateway)', () => {
  let gw: RunningService;
  let url: string;
  const registered = '{ areas(level: PROVINCE) { id name } }';

  beforeAll(async () => {
    const safelist = join(tmpdir(), `khg-safelist-${process.pid}.json`);
    writeFileSync(safelist, JSON.stringify([registered]));
    gw = await startService(GATEWAY, await freePort(), {
      env: {
        ...process.env,
        ...testState().env,
        // Refill of one token per ~17 min (0.001/s): no token comes back while the test runs, however
        // slow the machine, so the count of answered requests depends on the burst alone. Refill
        // itself is a unit test with a moved clock (src/rate-limit.test.ts).
        RATE_LIMITS: 'DEPARTMENT=0.001/3:100/100,ANALYST=100/100:0.001/4',
        SAFELIST_PATH: safelist,
        SAFELIST_ROLES: 'DEPARTMENT',
        MAX_BATCH: '3',
      },
      output: testState().logFile,
    });
    url = `${gw.url}/graphql`;
  });
  afterAll(() => gw?.stop());

  it('limits one departmental system without starving officers', async () => {
    const dept = await tokenFor({ role: Role.DEPARTMENT, sub: 'dept-system-1' });
    const statuses: (number | 'answered')[] = [];
    let refusedOne: Raw | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await post({ query: registered }, { token: dept, url });
      statuses.push(answered(r));
      if (r.status === 429) refusedOne = r;
    }
    expect(statuses.slice(0, 3)).toEqual(['answered', 'answered', 'answered']);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(refusedOne!.body.errors![0].extensions!.code).toBe('RATE_LIMITED');
    expect(Number(refusedOne!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const officer = await tokenFor({ role: Role.OFFICER, sub: 'officer-x', orgId: 'org_00000000-0000-7000-8000-000000000001' });
    for (let i = 0; i < 10; i++) expect(answered(await post({ query: NORMAL }, { token: officer, url }))).toBe('answered');
  });

  it('limits a role as a whole across its callers', async () => {
    const results: (number | 'answered')[] = [];
    for (let i = 0; i < 6; i++) {
      const analyst = await tokenFor({ role: Role.ANALYST, sub: `analyst-${i}` });
      results.push(answered(await post({ query: NORMAL }, { token: analyst, url })));
    }
    expect(results.slice(0, 4)).toEqual(['answered', 'answered', 'answered', 'answered']);
    expect(results.slice(4)).toEqual([429, 429]);
  });

  it('lets a safelisted role run only registered operations', async () => {
    const dept = await tokenFor({ role: Role.DEPARTMENT, sub: 'dept-system-2' });
    const ok = await post({ query: registered }, { token: dept, url });
    expect(ok.body.errors).toBeUndefined();
    const other = await post({ query: '{ areas(level: PROVINCE) { id } }' }, { token: dept, url });
    expect(other.status).toBe(403);
    expect(other.body.errors![0].extensions!.code).toBe('OPERATION_NOT_REGISTERED');
    const admin = await post({ query: '{ areas(level: PROVINCE) { id } }' }, { url });
    expect(admin.body.errors).toBeUndefined();
  });

  it('caps batches when batching is on', async () => {
    const three = await post([{ query: NORMAL }, { query: NORMAL }, { query: NORMAL }], { url });
    expect(three.status).toBe(200);
    expect(three.body).toHaveLength(3);
    refused(
      await post(
        Array.from({ length: 4 }, () => ({ query: NORMAL })),
        { url },
      ),
      'batch',
      3,
    );
  });

  it('uses codes the documentation names', async () => {
    const r = await graph('{ members(first: 100000) { totalCount } }');
    expect(codes(r)).toEqual(['OPERATION_LIMIT']);
  });
});
