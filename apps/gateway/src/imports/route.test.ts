import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@khg/platform';
import { CallerAuthenticator, type Authenticated } from '../caller';
import { SharedSecretVerifier } from '../identity';
import { importRoute } from './route';
import type { ImportRunner } from './runner';
import type { ImportStore } from './store';

/** An authenticator whose verification breaks the way a bug would: not a refusal, a plain failure. */
class BrokenAuthenticator extends CallerAuthenticator {
  override authenticate(): Promise<Authenticated> {
    return Promise.reject(new TypeError('cannot read properties of undefined'));
  }
}

describe('import route', () => {
  let server: Server;
  let url: string;
  const logged: { fields: Record<string, unknown>; msg: string }[] = [];

  beforeAll(async () => {
    const log = { error: (fields: Record<string, unknown>, msg: string) => logged.push({ fields, msg }) } as unknown as Logger;
    const route = importRoute({
      store: {} as ImportStore,
      runner: {} as ImportRunner,
      auth: new BrokenAuthenticator(new SharedSecretVerifier('unit-test-jwt-secret-of-enough-length'), 'unit-test-internal-secret-of-enough-length'),
      maxFileBytes: 1_000,
      log,
    });
    server = createServer((req, res) => route.handle(req, res, (req.url ?? '/').split('?')[0]));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers a server fault 500 with the request's id, and logs it under the same id", async () => {
    const res = await fetch(`${url}/imports/imp_00000000-0000-0000-0000-000000000000`, { headers: { 'x-request-id': 'report-me-42' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'The import could not be started', code: 'INTERNAL_SERVER_ERROR', requestId: 'report-me-42' });
    expect(logged).toEqual([
      { fields: { requestId: 'report-me-42', err: { message: 'cannot read properties of undefined', name: 'TypeError' } }, msg: 'import request failed' },
    ]);
  });

  it('makes up one id when the client sent none, the same in the answer and the log', async () => {
    logged.length = 0;
    const res = await fetch(`${url}/imports/imp_00000000-0000-0000-0000-000000000000`);
    const { requestId } = (await res.json()) as { requestId: string };
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.map((l) => l.fields.requestId)).toEqual([requestId]);
  });
});
