import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { Role } from '@khg/domain';
import { CALLER_HEADER, REQUEST_ID_HEADER, signInternalCaller } from './auth';
import { startSubgraphServer, type RunningSubgraph } from './subgraph-server';

const SECRET = 'unit-test-internal-secret-of-enough-length';

// A resolver that breaks like a bug: the answer says only "logged", so the log line must carry the
// request id the gateway sent, or a user's report cannot be matched to its cause.
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw new RangeError('the real cause');
        },
      },
    },
  }),
});

describe('subgraph server', () => {
  let running: RunningSubgraph;
  const logged: { fields: Record<string, unknown>; msg: string }[] = [];

  beforeAll(async () => {
    const log = {
      info: () => undefined,
      child: () => log,
      error: (fields: Record<string, unknown>, msg: string) => logged.push({ fields, msg }),
    } as unknown as Logger;
    const dataSource = { destroy: async () => undefined, query: async () => [] } as unknown as DataSource;
    running = await startSubgraphServer({ name: 'unit', schema, dataSource, host: '127.0.0.1', port: 0, internalSecret: SECRET, log, makeLoaders: () => ({}) });
  });
  afterAll(() => running.stop());

  it("logs an unexpected error with the request's id and answers without its details", async () => {
    const res = await fetch(running.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [REQUEST_ID_HEADER]: 'report-me-7',
        [CALLER_HEADER]: await signInternalCaller(SECRET, { sub: 'u', role: Role.ADMIN }),
      },
      body: JSON.stringify({ query: '{ broken }' }),
    });
    const answer = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(answer.errors.map((e) => [e.message, e.extensions.code])).toEqual([['Internal error; it has been logged.', 'INTERNAL_SERVER_ERROR']]);
    expect(logged).toEqual([{ fields: { err: expect.objectContaining({ message: 'the real cause' }), requestId: 'report-me-7' }, msg: 'unexpected error' }]);
  });
});
