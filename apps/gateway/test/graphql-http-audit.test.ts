/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits, type AuditResult } from 'graphql-http';
import { ApolloServer } from '@apollo/server';
import { runApollo } from '@khg/platform';
import { asAdmin, testState } from '@khg/testing';

/**
 * graphql-http's audit of the GraphQL over HTTP spec, against the gateway and, as the yardstick,
 * against a stock Apollo Server 5 (its defaults, node:http glue as ours). The gateway must pass every
 * MUST and every SHOULD that Apollo Server passes. Every gateway call needs a token, so the audit's
 * requests carry an admin's (as a frontend's would).
 */

type Outcome = { name: string; status: AuditResult['status']; reason?: string };

async function audit(url: string, headers: Record<string, string>): Promise<Outcome[]> {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) =>
    fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers).entries()), ...headers } });
  const out: Outcome[] = [];
  for (const a of serverAudits({ url, fetchFn })) {
    const r = await a.fn();
    out.push({ name: a.name, status: r.status, ...(r.status === 'ok' ? {} : { reason: r.reason }) });
  }
  return out;
}

const passed = (list: Outcome[], level: 'MUST' | 'SHOULD') => new Set(list.filter((o) => o.name.startsWith(level) && o.status === 'ok').map((o) => o.name));
const count = (list: Outcome[], level: string) => list.filter((o) => o.name.startsWith(level)).length;

describe('GraphQL over HTTP audit (graphql-http serverAudits)', () => {
  let stock: Server;
  let apollo: ApolloServer;
  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'xin chào' } } });
    await apollo.start();
    stock = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text || undefined;
          if (text && String(req.headers['content-type'] ?? '').includes('application/json')) {
            try {
              body = JSON.parse(text);
            } catch {
              res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad JSON"}]}');
              return;
            }
          }
          void runApollo(apollo, req, res, body, async () => ({}));
        });
    });
    await new Promise<void>((r) => stock.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise((r) => stock.close(r));
  });

  it('passes every MUST, and every SHOULD that a stock Apollo Server 5 passes', async () => {
    const ours = await audit(testState().gatewayUrl, { authorization: `Bearer ${await asAdmin()}` });
    const theirs = await audit(`http://127.0.0.1:${(stock.address() as AddressInfo).port}/graphql`, {});
    const summary = (list: Outcome[]) =>
      `MUST ${passed(list, 'MUST').size}/${count(list, 'MUST')}, SHOULD ${passed(list, 'SHOULD').size}/${count(list, 'SHOULD')}`;
    // The figures docs/development.md quotes; printed so a change shows in the test output.
    const failed = (list: Outcome[]) =>
      list
        .filter((o) => o.status !== 'ok')
        .map((o) => `  ${o.name}: ${o.reason}`)
        .join('\n');
    process.stdout.write(
      `graphql-http audit: gateway ${summary(ours)}; stock Apollo Server ${summary(theirs)}\ngateway misses:\n${failed(ours)}\nstock Apollo misses:\n${failed(theirs)}\n`,
    );
    expect(ours.filter((o) => o.name.startsWith('MUST') && o.status !== 'ok')).toEqual([]);
    const missing = [...passed(theirs, 'SHOULD')].filter((n) => !passed(ours, 'SHOULD').has(n));
    expect(missing.map((n) => ours.find((o) => o.name === n))).toEqual([]);
  });
});
