import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLER_HEADER, REQUEST_ID_HEADER } from '@khg/platform';
import { SubgraphUnreachable, writeToSubgraph } from './subgraph-write';

// An import's bulk mutation sent straight to a subgraph, against a real HTTP server playing it: the
// streamed body is the one JSON document the subgraph parses, and an unreachable subgraph or a
// non-GraphQL answer is SubgraphUnreachable (the import is then FAILED, nothing written).

let server: Server;
let url: string;
let received: { body: { query: string; variables: Record<string, unknown> }; headers: Record<string, unknown>; chunked: boolean } | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/broken') {
        res.statusCode = 502;
        return void res.end('<html>bad gateway</html>');
      }
      received = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: req.headers, chunked: req.headers['transfer-encoding'] === 'chunked' };
      const inputs = received.body.variables.inputs as unknown[];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { admitMembers: inputs.map((_, i) => ({ id: `mem_${i}` })) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const target = (path: string) => ({ url: `${url}${path}`, callerHeader: 'signed-uploader', requestId: 'req-7', timeoutMs: 10_000 });

describe('an import write straight to its subgraph', () => {
  it('sends every input (more than one slice of them) in one streamed JSON body with the caller and request id', async () => {
    const inputs = Array.from({ length: 2_345 }, (_, i) => ({ fullName: `Nguyễn Văn ${i}`, organizationId: 'org_x', phone: i % 2 ? null : '0912' }));
    const { data, errors } = await writeToSubgraph<{ admitMembers: { id: string }[] }>(
      target('/graphql'),
      'mutation Import($inputs: [X!]!, $importId: ID) { x }',
      {
        inputs,
        importId: 'imp_1',
      },
    );
    expect(errors).toEqual([]);
    expect(data!.admitMembers).toHaveLength(2_345);
    expect(received!.body).toEqual({ query: 'mutation Import($inputs: [X!]!, $importId: ID) { x }', variables: { inputs, importId: 'imp_1' } });
    expect(received!.chunked).toBe(true);
    expect(received!.headers[CALLER_HEADER]).toBe('signed-uploader');
    expect(received!.headers[REQUEST_ID_HEADER]).toBe('req-7');
  });

  it('reports an empty list and a year beside it as JSON too', async () => {
    await writeToSubgraph(target('/graphql'), 'mutation { x }', { year: 2026, inputs: [], importId: null });
    expect(received!.body.variables).toEqual({ year: 2026, inputs: [], importId: null });
  });

  it('is SubgraphUnreachable when nothing answers, or answers something other than GraphQL', async () => {
    await expect(writeToSubgraph({ ...target('/graphql'), url: 'http://127.0.0.1:1/graphql' }, 'mutation { x }', { inputs: [] })).rejects.toBeInstanceOf(
      SubgraphUnreachable,
    );
    await expect(writeToSubgraph(target('/broken'), 'mutation { x }', { inputs: [] })).rejects.toThrow(/HTTP 502/);
  });
});
