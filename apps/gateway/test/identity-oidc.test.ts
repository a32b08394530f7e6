import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { GATEWAY, ROOT, freePort, startService, type RunningService } from '@khg/stack';
import { eventually, testState } from '@khg/testing';

/**
 * A stand-in identity provider inside the test: a discovery document and a JWKS whose keys the test
 * rotates, as Keycloak does when a realm's key is replaced.
 */
class LocalProvider {
  keys: JWK[] = [];
  jwksFetches = 0;
  private server: Server | null = null;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url === '/realms/khg/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.issuer}/protocol/openid-connect/certs` }));
      } else if (req.url === '/realms/khg/protocol/openid-connect/certs') {
        this.jwksFetches++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: this.keys }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/khg`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()) ?? r());
  }
}

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: KeyLike;
  jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const AUDIENCE = 'khg-api';
const provider = new LocalProvider();
let gw: RunningService;
let url: string;
let keyA: SigningKey;
let keyB: SigningKey;

/** A Keycloak-shaped access token: realm roles in realm_access.roles, attributes as custom claims. */
async function kcToken(key: SigningKey, o: { aud?: string; exp?: number | string; claims?: Record<string, unknown>; sub?: string } = {}): Promise<string> {
  return new SignJWT({ realm_access: { roles: ['offline_access', 'default-roles-khg', 'admin'] }, typ: 'Bearer', azp: 'khg-console', ...o.claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(provider.issuer)
    .setAudience(o.aud ?? AUDIENCE)
    .setSubject(o.sub ?? 'f3b1c2d4-kc-user')
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '5m')
    .sign(key.privateKey);
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ask(token: string, query = '{ areas(level: PROVINCE) { id } }'): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

function refused(a: Answer, words: RegExp): void {
  expect(a.status).toBe(401);
  expect(a.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(a.body.errors?.[0]?.message).toMatch(words);
}

beforeAll(async () => {
  await provider.start();
  keyA = await signingKey('key-a', 'RS256');
  keyB = await signingKey('key-b', 'ES256');
  provider.keys = [keyA.jwk];
  gw = await startService(GATEWAY, await freePort(), {
    env: {
      ...process.env,
      ...testState().env,
      OIDC_ISSUER: provider.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      // No cooldown: the test rotates keys between two requests; production keeps jose's 30 s.
      JWKS_COOLDOWN_MS: '0',
    },
    output: testState().logFile,
  });
  url = `${gw.url}/graphql`;
});
afterAll(async () => {
  await gw?.stop();
  await provider.stop();
});

describe('OpenID Connect tokens', () => {
  it('accepts a provider token, rotates from key A to B without a restart, then refuses A once withdrawn', async () => {
    const a1 = await kcToken(keyA);
    const ok = await ask(a1);
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();

    // The provider publishes B beside A, then signs with B: picked up at once.
    provider.keys = [keyA.jwk, keyB.jwk];
    const b = await ask(await kcToken(keyB));
    expect(b.status).toBe(200);
    expect(b.body.errors).toBeUndefined();
    expect((await ask(a1)).status).toBe(200);

    // A is withdrawn as the next key C is introduced: the first C token (an unknown kid) makes the
    // gateway reload the set, and from then on A's tokens are refused, the one accepted (and cached)
    // before included. Without a new kid the set is reloaded once older than JWKS_CACHE_MAX_AGE_MS.
    const keyC = await signingKey('key-c', 'RS256');
    provider.keys = [keyB.jwk, keyC.jwk];
    const fetchesBefore = provider.jwksFetches;
    expect((await ask(await kcToken(keyC))).status).toBe(200);
    expect(provider.jwksFetches).toBe(fetchesBefore + 1);
    refused(await ask(await kcToken(keyA)), /key-a.*withdrawn/);
    refused(await ask(a1), /does not publish/);
    expect((await ask(await kcToken(keyB))).status).toBe(200);
  });

  it('refuses a token for another audience, naming the audience', async () => {
    refused(await ask(await kcToken(keyB, { aud: 'some-other-client' })), /audience is not khg-api/);
  });

  it('refuses an expired token', async () => {
    refused(await ask(await kcToken(keyB, { exp: Math.floor(Date.now() / 1000) - 3600 })), /expired/);
  });

  it('refuses a token without a role claim, naming the claim', async () => {
    refused(await ask(await kcToken(keyB, { claims: { realm_access: undefined } })), /no role claim realm_access\.roles/);
    refused(await ask(await kcToken(keyB, { claims: { realm_access: { roles: ['offline_access'] } } })), /none of the platform's roles/);
  });

  it("maps an officer's organisation from its claim, and refuses an officer without one", async () => {
    refused(await ask(await kcToken(keyB, { claims: { realm_access: { roles: ['officer'] } } })), /OFFICER token must name its organisation \(claim khg_org/);
    const officer = await ask(await kcToken(keyB, { claims: { realm_access: { roles: ['officer'] }, khg_org: ['org_00000000-0000-7000-8000-000000000000'] } }));
    expect(officer.status).toBe(200);
  });

  it('still accepts the embedded HS256 tokens beside the provider (outside production)', async () => {
    const { signUserToken } = await import('@khg/platform');
    const { Role } = await import('@khg/domain');
    expect((await ask(await signUserToken(testState().jwtSecret, { sub: 'hs', role: Role.ADMIN }))).status).toBe(200);
  });
});

describe('a provider named by JWKS_URL alone, with a short key-set age', () => {
  const direct = new LocalProvider();
  let gw2: RunningService;
  let url2: string;
  let keyE: SigningKey;
  let keyF: SigningKey;

  beforeAll(async () => {
    await direct.start();
    keyE = await signingKey('key-e', 'RS256');
    keyF = await signingKey('key-f', 'ES256');
    direct.keys = [keyE.jwk];
    gw2 = await startService(GATEWAY, await freePort(), {
      env: {
        ...process.env,
        ...testState().env,
        // no discovery document, no issuer check: the key set's address is given
        JWKS_URL: `${direct.issuer}/protocol/openid-connect/certs`,
        OIDC_AUDIENCE: AUDIENCE,
        JWKS_COOLDOWN_MS: '0',
        JWKS_CACHE_MAX_AGE_MS: '1000',
        JWKS_TIMEOUT_MS: '2000',
      },
      output: testState().logFile,
    });
    url2 = `${gw2.url}/graphql`;
  }, 120_000);
  afterAll(async () => {
    await gw2?.stop();
    await direct.stop();
  });

  const askDirect = async (token: string): Promise<Answer> => {
    const res = await fetch(url2, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ areas(level: PROVINCE) { id } }' }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const tokenOf = (key: SigningKey) =>
    new SignJWT({ realm_access: { roles: ['admin'] } })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuer('https://any-issuer.example.vn/realms/khg')
      .setAudience(AUDIENCE)
      .setSubject('direct-user')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key.privateKey);

  it('reads the keys from JWKS_URL without a discovery document', async () => {
    const ok = await askDirect(await tokenOf(keyE));
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
    expect(direct.jwksFetches).toBeGreaterThanOrEqual(1);
  });

  it('refuses a withdrawn key once the key set is older than JWKS_CACHE_MAX_AGE_MS, with no new key to trigger a reload', async () => {
    const e1 = await tokenOf(keyE);
    expect((await askDirect(e1)).status).toBe(200); // verified and cached
    direct.keys = [keyF.jwk]; // E withdrawn; nobody presents an unknown kid
    // The same, cached token: refused as soon as the gateway has reloaded the set by age (a deadline, not a measure).
    const refusedLater = await eventually(async () => {
      const a = await askDirect(e1);
      return a.status === 401 && a;
    }, 'the withdrawn key refused');
    expect(refusedLater.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refusedLater.body.errors?.[0]?.message).toMatch(/kid key-e.*withdrawn/);
    expect((await askDirect(await tokenOf(keyF))).status).toBe(200);
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, while the provider cannot be reached', async () => {
    await direct.stop();
    const keyG = await signingKey('key-g', 'RS256'); // an unknown kid: the gateway must fetch the set
    const a = await askDirect(await tokenOf(keyG));
    expect(a.status).not.toBe(200);
    expect(a.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(a.body.errors?.[0]?.message).toMatch(/identity provider/);
  });
});

describe('identity configuration', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(ROOT, GATEWAY.entry)], {
      env: { PATH: process.env.PATH ?? '', INTERNAL_SECRET: 'an-internal-secret-for-the-test', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('refuses to start in production with neither an identity provider nor JWT_SECRET', () => {
    const r = run({ NODE_ENV: 'production', PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('production (NODE_ENV=production) needs an identity provider (OIDC_ISSUER or JWKS_URL, and OIDC_AUDIENCE) or a JWT_SECRET');
  });

  it('refuses a provider without an audience', () => {
    const r = run({ OIDC_ISSUER: 'https://sso.example.vn/realms/khg', PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('OIDC_AUDIENCE');
  });
});
