import { Role } from '@khg/domain';
import { signUserToken } from '@khg/platform';
import { CallerAuthenticator } from './caller';
import { SharedSecretVerifier } from './identity';

const JWT = 'unit-test-jwt-secret-of-enough-length';
const INTERNAL = 'unit-test-internal-secret-of-enough-length';

describe('CallerAuthenticator', () => {
  // The clock is moved, not waited for; promises and jose's WebCrypto still run for real.
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('stops accepting a token when it expires, though it verified it moments before (and reuses the signature until then)', async () => {
    const auth = new CallerAuthenticator(new SharedSecretVerifier(JWT), INTERNAL);
    const token = await signUserToken(JWT, { sub: 'short-lived', role: Role.ADMIN }, '2s');
    const first = await auth.authenticate(`Bearer ${token}`);
    expect(first.caller).toMatchObject({ sub: 'short-lived', role: Role.ADMIN });
    jest.setSystemTime(new Date('2026-03-01T08:00:01Z'));
    expect((await auth.authenticate(`Bearer ${token}`)).header).toBe(first.header);
    jest.setSystemTime(new Date('2026-03-01T08:00:03Z'));
    await expect(auth.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('verifies a provider token again once its recheck time has passed, so a key withdrawn by age alone is noticed', async () => {
    const verify = jest.fn(async () => ({
      caller: { sub: 'kc-user', role: Role.ADMIN },
      exp: Date.now() / 1000 + 3600,
      keysVersion: 1,
      recheckAt: Date.now() + 1000,
    }));
    const auth = new CallerAuthenticator({ verify, keysVersion: () => 1 }, INTERNAL);
    await auth.authenticate('Bearer provider-token');
    jest.setSystemTime(new Date('2026-03-01T08:00:00.900Z'));
    await auth.authenticate('Bearer provider-token');
    expect(verify).toHaveBeenCalledTimes(1);
    jest.setSystemTime(new Date('2026-03-01T08:00:01.100Z'));
    await auth.authenticate('Bearer provider-token');
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
