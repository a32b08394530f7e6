import { Kind } from 'graphql';
import { Role } from '@khg/domain';
import { DateScalar, VndScalar } from './scalars';
import { DomainError, formatError, conflict, isConnectionLoss } from './errors';
import { signInternalCaller, signUserToken, verifyInternalCaller, verifyUserToken } from './auth';
import { requireWriterWithin } from './context';
import { decodeCursor, encodeCursor, pageSize } from './pagination';
import { idFromLtreeLabel, idsOfLtreePath, ltreeLabel } from './db';
import { loadConfig, secret } from './config';

describe('scalars', () => {
  it('Vnd carries big integers exactly and refuses fractions', () => {
    expect(VndScalar.parseValue(3_000_000_000)).toBe(3_000_000_000n);
    expect(VndScalar.parseLiteral({ kind: Kind.INT, value: '9007199254740991' }, {})).toBe(9_007_199_254_740_991n);
    expect(VndScalar.serialize(3_000_000_000n)).toBe(3_000_000_000);
    expect(() => VndScalar.parseValue(10.5)).toThrow('not a whole number');
    expect(() => VndScalar.parseLiteral({ kind: Kind.FLOAT, value: '10.5' }, {})).toThrow('not a whole number');
  });
  it('Date accepts only real calendar dates', () => {
    expect(DateScalar.parseValue('2018-12-31')).toBe('2018-12-31');
    expect(() => DateScalar.parseValue('2018-02-30')).toThrow('YYYY-MM-DD');
  });
});

describe('errors', () => {
  it('keeps a domain error’s code and message, hides unexpected ones', () => {
    const mapped = formatError({ message: 'x' }, conflict('already ACTIVE', { currentStatus: 'ACTIVE' }));
    expect(mapped).toEqual({ message: 'already ACTIVE', extensions: { code: 'CONFLICT', currentStatus: 'ACTIVE' } });
    let logged: unknown = null;
    const hidden = formatError({ message: 'relation "x" does not exist' }, new Error('relation "x" does not exist'), (e) => {
      logged = e;
    });
    expect(hidden.message).not.toContain('relation');
    expect(hidden.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toBeInstanceOf(Error);
    const unique = formatError({ message: 'dup' }, Object.assign(new Error('dup'), { code: '23505' }));
    expect(unique.extensions?.code).toBe('CONFLICT');
  });
});

describe('auth', () => {
  const secret = 'a-test-secret-of-enough-length';
  it('round-trips user tokens and caller statements, and refuses forged ones', async () => {
    const token = await signUserToken(secret, { sub: 'u1', role: Role.OFFICER, orgId: 'org_x' });
    expect(await verifyUserToken(secret, token)).toEqual({ sub: 'u1', role: Role.OFFICER, orgId: 'org_x' });
    await expect(verifyUserToken('another-secret-of-enough-length', token)).rejects.toBeInstanceOf(DomainError);
    const internal = await signInternalCaller(secret, { sub: 'u1', role: Role.ADMIN });
    expect((await verifyInternalCaller(secret, internal)).role).toBe(Role.ADMIN);
    // a user token is not a caller statement (different audience)
    await expect(verifyInternalCaller(secret, token)).rejects.toBeInstanceOf(DomainError);
    await expect(verifyInternalCaller(secret, undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
  it('lets an officer write only inside its subtree', () => {
    const officer = { sub: 'o', role: Role.OFFICER, orgId: 'org_b' };
    expect(() => requireWriterWithin(officer, ['org_a', 'org_b', 'org_c'], 'x')).not.toThrow();
    expect(() => requireWriterWithin(officer, ['org_a', 'org_c'], 'x')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireWriterWithin({ sub: 'a', role: Role.ANALYST }, ['org_a'], 'x')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('pagination and paths', () => {
  it('round-trips cursors, refuses forged ones and caps page sizes', () => {
    expect(decodeCursor(encodeCursor('mbr_1'))).toBe('mbr_1');
    expect(() => decodeCursor('!!')).toThrow();
    expect(() => pageSize(501)).toThrow('500');
    expect(pageSize(null)).toBe(50);
  });
  it('maps ids to ltree labels and back', () => {
    const id = 'org_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(ltreeLabel(id)).toMatch(/^[A-Za-z0-9_]+$/);
    expect(idFromLtreeLabel(ltreeLabel(id))).toBe(id);
    expect(idsOfLtreePath(`${ltreeLabel('area_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c')}.${ltreeLabel(id)}`)).toEqual([
      'area_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
      id,
    ]);
  });
});

describe('isConnectionLoss', () => {
  it('takes a lost or refused database connection, and the COMMIT TypeORM refuses after one, as retryable', () => {
    expect(isConnectionLoss(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isConnectionLoss(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    const released = Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' });
    expect(isConnectionLoss(released)).toBe(true);
    // seen in hardening-faults during a PostgreSQL restart: a donation's statement after its connection died
    const provider = Object.assign(
      new Error('Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.'),
      { name: 'QueryRunnerProviderAlreadyReleasedError' },
    );
    expect(isConnectionLoss(provider)).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isConnectionLoss(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});

describe('loadConfig', () => {
  const shape = { JWT_SECRET: secret('JWT_SECRET') };

  /** Runs loadConfig with process.exit and stderr captured: what it returned, or the exit code and what it printed. */
  function load(env: NodeJS.ProcessEnv): { value?: unknown; exit?: number; printed: string } {
    let printed = '';
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw Object.assign(new Error('exit'), { exitCode: Number(code) });
    });
    try {
      return { value: loadConfig('svc', shape, env), printed };
    } catch (e) {
      return { exit: (e as { exitCode: number }).exitCode, printed };
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
  }

  // The environment it is given decides, not process.env: a launcher checks a child's settings
  // before starting it, and its own NODE_ENV may differ.
  it('refuses the development secret when the given environment is production, whatever process.env says', () => {
    const own = process.env.NODE_ENV;
    process.env.NODE_ENV = 'test';
    try {
      const refused = load({ NODE_ENV: 'production' });
      expect(refused.exit).toBe(1);
      expect(refused.printed).toContain('JWT_SECRET must be set in production (NODE_ENV=production)');
      process.env.NODE_ENV = 'production';
      expect(load({})).toEqual({ value: { JWT_SECRET: expect.any(String) }, printed: '' });
      expect(load({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-32-characters!!' })).toEqual({
        value: { JWT_SECRET: 'a-real-secret-of-32-characters!!' },
        printed: '',
      });
    } finally {
      process.env.NODE_ENV = own;
    }
  });
});
