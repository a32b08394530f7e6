import type { IncomingMessage, ServerResponse } from 'node:http';
import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { CallerAuthenticator, type Authenticated } from './caller';
import { SharedSecretVerifier } from './identity';
import { GraphQLHttpRequest } from './request-context';

const JWT = 'unit-test-jwt-secret-of-enough-length';
const INTERNAL = 'unit-test-internal-secret-of-enough-length';

/** Counts authentications asked of it; its own token cache would hide repeated verifications. */
class CountingAuthenticator extends CallerAuthenticator {
  calls = 0;
  override authenticate(authorization: string | undefined): Promise<Authenticated> {
    this.calls++;
    return super.authenticate(authorization);
  }
}

const post = (authorization: string) => ({ method: 'POST', url: '/graphql', headers: { authorization } }) as IncomingMessage;
const body = { query: '{ funds { id } }' };

describe('GraphQLHttpRequest', () => {
  it('authenticates its caller once, however many checks and Apollo ask', async () => {
    const auth = new CountingAuthenticator(new SharedSecretVerifier(JWT), INTERNAL);
    const token = await signUserToken(JWT, { sub: 'once', role: Role.ADMIN }, '1h');
    const r = new GraphQLHttpRequest(post(`Bearer ${token}`), {} as ServerResponse, 'req-1', body, auth);
    // rate limit, response cache and introspection each ask, concurrently and again later
    const [a, b] = await Promise.all([r.caller(), r.caller()]);
    const context = await r.apolloContext();
    expect(auth.calls).toBe(1);
    expect(a).toBe(b);
    expect(context).toMatchObject({ caller: { sub: 'once', role: Role.ADMIN }, requestId: 'req-1', callerHeader: a!.header });
  });

  it('refuses a bad token once too, and Apollo gets the 401 of that refusal', async () => {
    const auth = new CountingAuthenticator(new SharedSecretVerifier(JWT), INTERNAL);
    const r = new GraphQLHttpRequest(post('Bearer not-a-token'), {} as ServerResponse, 'req-2', body, auth);
    expect(await r.caller()).toBeNull();
    expect(await r.caller()).toBeNull();
    await expect(r.apolloContext()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(auth.calls).toBe(1);
  });
});
