import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { SignJWT } from 'jose';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { codes, createArea, createOrganization, graph, graphOk, testState } from '@khg/testing';
import { composeSupergraph } from '../src/compose';

const base = () => testState().gatewayUrl.replace(/\/graphql$/, '');

describe('supergraph', () => {
  it('the checked-in supergraph.graphql is what the subgraphs compose to today', () => {
    const result = composeSupergraph();
    if ('errors' in result) throw new Error(result.errors.join('\n'));
    const checkedIn = readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8');
    expect(checkedIn).toBe(result.supergraph);
  });
});

describe('gateway', () => {
  it('answers one query that needs two subgraphs', async () => {
    const area = await createArea({ level: 'PROVINCE' });
    const org = await createOrganization({ areaId: area.id });
    const d = await graphOk(`query($id: ID!) { organization(id: $id) { name area { code } fund { id } } }`, { id: org.id });
    expect(d.organization).toEqual({ name: org.name, area: { code: area.code }, fund: null });
  });

  it('serves Playground from local assets to a browser, with no CDN link', async () => {
    const page = await fetch(`${base()}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphQL Playground');
    expect(html).not.toMatch(/https?:\/\/(cdn|fonts)\./);
    const script = /src="([^"]*middleware\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base()}${script}`);
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${base()}/playground`)).status).toBe(200);
  });

  it('reports liveness and readiness of every subgraph', async () => {
    expect((await fetch(`${base()}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base()}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      subgraphs: { membership: 'up', fundraising: 'up', 'learning-models': 'up', inspections: 'up' },
    });
  });

  it('gives introspection to authenticated callers only', async () => {
    const anonymous = await graph('{ __schema { queryType { name } } }', {}, { token: null });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const d = await graphOk('{ __schema { queryType { name } } }');
    expect(d.__schema.queryType.name).toBe('Query');
  });

  it('answers the full introspection query Playground and codegen send, with the subscription API', async () => {
    const r = await graph(getIntrospectionQuery());
    expect(r.errors).toBeUndefined();
    const schema = r.data!.__schema;
    expect(schema.subscriptionType).toMatchObject({ name: 'Subscription' });
    expect(schema.types.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Member', 'Donation', 'Inspection', 'DomainEvent', 'Webhook']));
  });

  // That a token verified moments before is refused once it expires is the unit test of
  // CallerAuthenticator (src/caller.test.ts), with a clock it moves; here a real expired token.
  it('refuses an expired token, and accepts one of the same caller that is still valid', async () => {
    const expired = await new SignJWT({ role: Role.ADMIN })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('expired')
      .setIssuer('khuyen-hoc-graph')
      .setAudience('khg-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(testState().jwtSecret));
    expect(codes(await graph('{ __typename }', {}, { token: expired }))).toEqual(['UNAUTHENTICATED']);
    const valid = await signUserToken(testState().jwtSecret, { sub: 'expired', role: Role.ADMIN });
    expect((await graph('{ __typename }', {}, { token: valid })).data).toEqual({ __typename: 'Query' });
  });

  it('refuses a call straight to a subgraph that did not come through the gateway', async () => {
    const res = await fetch(`${testState().subgraphUrls.membership}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ areas { id } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed scalar at the gateway with BAD_USER_INPUT', async () => {
    const r = await graph('query($d: Date) { areas(on: $d) { id } }', { d: '2018-13-45' });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });
});
