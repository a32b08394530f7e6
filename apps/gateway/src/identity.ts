import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { Role } from '@khg/domain';
import { DomainError, unauthenticated, verifyUserToken, type Caller } from '@khg/platform';

/** A verified user token: who calls, and until when the token itself is valid (epoch seconds). */
export interface VerifiedToken {
  caller: Caller;
  exp?: number;
  /**
   * The key set the token was checked against (OIDC only): a cached verification holds only while the
   * provider's key set is the same one, so a key the provider withdrew stops working at the next reload.
   */
  keysVersion?: number;
  /**
   * Epoch ms by which a cached verification must be redone (OIDC only): a key the provider withdrew
   * without introducing a new one is noticed only when the set is reloaded by age, which needs a verification.
   */
  recheckAt?: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
  /** the current key set's version, compared with `VerifiedToken.keysVersion` by the caller cache */
  keysVersion?(): number;
}

/** Where an identity provider's claims carry the role, organisation and member (dotted paths). */
export interface ClaimNames {
  role: string;
  org: string;
  member: string;
}

export interface OidcSettings {
  /** the `iss` tokens must carry; also where the discovery document is read when `jwksUrl` is unset */
  issuer?: string;
  jwksUrl?: string;
  audience: string;
  claims: ClaimNames;
  algorithms: string[];
  /** jose: no JWKS refetch sooner than this after the last one (an unknown `kid` cannot make the gateway hammer the provider) */
  cooldownMs: number;
  /** jose: the key set is refetched at the next verification once it is older than this */
  cacheMaxAgeMs: number;
  timeoutMs: number;
  clockToleranceS: number;
}

const ROLE_PRIORITY: readonly Role[] = [Role.ADMIN, Role.OFFICER, Role.ANALYST, Role.DEPARTMENT, Role.MEMBER];

/** A claim by dotted path (`realm_access.roles`); a top-level claim whose name holds dots wins. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/**
 * The caller an identity provider's token names. The role claim may be a string or a list (Keycloak's
 * `realm_access.roles` also holds `offline_access`, `default-roles-…`): the platform's roles are picked
 * out of it case-insensitively, optionally prefixed `khg-`/`khg_`, and the most privileged one wins.
 */
export function callerFromOidcClaims(claims: Record<string, unknown>, names: ClaimNames): Caller {
  if (typeof claims.sub !== 'string' || !claims.sub) throw unauthenticated('The token names no subject (sub claim)');
  const raw = claimAt(claims, names.role);
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const held = new Set(values.map((v) => v.toUpperCase().replace(/^KHG[-_]/, '')));
  const role = ROLE_PRIORITY.find((r) => held.has(r));
  if (!role) {
    throw unauthenticated(
      raw === undefined
        ? `The token has no role claim ${names.role} (OIDC_ROLE_CLAIM): it must hold one of ${ROLE_PRIORITY.join(', ')}`
        : `The token's role claim ${names.role} holds none of the platform's roles (${ROLE_PRIORITY.join(', ')})`,
    );
  }
  const text = (path: string) => {
    const v = claimAt(claims, path);
    const one = Array.isArray(v) ? v[0] : v; // Keycloak maps user attributes to lists unless "multivalued" is off
    return typeof one === 'string' && one ? one : undefined;
  };
  const orgId = text(names.org);
  const memberId = text(names.member);
  if (role === Role.OFFICER && !orgId) throw unauthenticated(`An OFFICER token must name its organisation (claim ${names.org}, OIDC_ORG_CLAIM)`);
  if (role === Role.MEMBER && !memberId) throw unauthenticated(`A MEMBER token must name its member (claim ${names.member}, OIDC_MEMBER_CLAIM)`);
  return { sub: claims.sub, role, ...(orgId ? { orgId } : {}), ...(memberId ? { memberId } : {}) };
}

/** The message a rejected provider token is refused with: what is wrong, not just that something is. */
export function oidcRefusal(e: unknown, settings: Pick<OidcSettings, 'audience' | 'issuer'>, kid: string | undefined): DomainError {
  if (e instanceof DomainError) return e;
  if (e instanceof joseErrors.JWTExpired) return unauthenticated('The token has expired: sign in again');
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return unauthenticated(`The token is not meant for this platform: its audience is not ${settings.audience} (OIDC_AUDIENCE)`);
    if (e.claim === 'iss') return unauthenticated(`The token was issued by another identity provider: expected issuer ${settings.issuer ?? '(unset)'}`);
    if (e.claim === 'nbf') return unauthenticated('The token is not valid yet (nbf)');
    return unauthenticated(`The token's ${e.claim} claim is not valid: ${e.reason}`);
  }
  if (e instanceof joseErrors.JWKSNoMatchingKey) {
    return unauthenticated(
      `The token is signed with a key the identity provider does not publish (kid ${kid ?? 'none'}): unknown or withdrawn key, sign in again`,
    );
  }
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return unauthenticated('The token is signed with an algorithm this platform does not accept');
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return unauthenticated("The token's signature does not verify");
  if (e instanceof joseErrors.JWKSTimeout || e instanceof joseErrors.JWKSInvalid) {
    return new DomainError('SERVICE_UNAVAILABLE', "The identity provider's keys could not be read: try again shortly");
  }
  if (e instanceof joseErrors.JOSEError) return unauthenticated('The token is not valid for this platform');
  // fetch failures of the key set or discovery document: the provider, not the caller, is at fault
  return new DomainError('SERVICE_UNAVAILABLE', `The identity provider could not be reached: ${(e as Error).message}`);
}

/** Tokens of an OpenID Connect provider (Keycloak, a provincial SSO), checked against its JWKS. */
export class OidcTokenVerifier implements TokenVerifier {
  private keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  private lastJwks: unknown = null;
  private version = 0;

  constructor(private readonly settings: OidcSettings) {}

  /** The key set, from JWKS_URL or the issuer's discovery document (read once; retried after a failure). */
  private jwks(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keySet ??= this.jwksUrl()
      .then((url) =>
        createRemoteJWKSet(new URL(url), {
          cooldownDuration: this.settings.cooldownMs,
          cacheMaxAge: this.settings.cacheMaxAgeMs,
          timeoutDuration: this.settings.timeoutMs,
        }),
      )
      .catch((e: unknown) => {
        this.keySet = null;
        throw e;
      });
    return this.keySet;
  }

  private async jwksUrl(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const issuer = this.settings.issuer!;
    const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    if (!res.ok) throw new Error(`its discovery document answered HTTP ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== issuer) throw new Error(`its discovery document names issuer ${String(doc.issuer)}, not ${issuer} (OIDC_ISSUER)`);
    if (typeof doc.jwks_uri !== 'string') throw new Error('its discovery document has no jwks_uri');
    return doc.jwks_uri;
  }

  keysVersion(): number {
    return this.version;
  }

  async verify(token: string): Promise<VerifiedToken> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
      const keys = await this.jwks();
      const { payload } = await jwtVerify(token, keys, {
        audience: this.settings.audience,
        ...(this.settings.issuer ? { issuer: this.settings.issuer } : {}),
        algorithms: this.settings.algorithms,
        clockTolerance: this.settings.clockToleranceS,
      });
      this.noteKeys(keys);
      return {
        caller: callerFromOidcClaims(payload as JWTPayload & Record<string, unknown>, this.settings.claims),
        exp: payload.exp,
        keysVersion: this.version,
        recheckAt: Date.now() + this.settings.cacheMaxAgeMs,
      };
    } catch (e) {
      if (this.keySet) this.noteKeys(await this.keySet.catch(() => null));
      throw oidcRefusal(e, this.settings, kid);
    }
  }

  /** Bumps the version when jose has replaced its cached key set (a reload after rotation or expiry). */
  private noteKeys(keys: ReturnType<typeof createRemoteJWKSet> | null): void {
    const current = keys?.jwks();
    if (current && current !== this.lastJwks) {
      this.lastJwks = current;
      this.version++;
    }
  }
}

/** The embedded default: HS256 tokens signed with JWT_SECRET (`npm run token`). */
export class SharedSecretVerifier implements TokenVerifier {
  constructor(private readonly secret: string) {}

  async verify(token: string): Promise<VerifiedToken> {
    const caller = await verifyUserToken(this.secret, token);
    const { exp } = decodeJwt(token); // verified just above
    return { caller, ...(exp !== undefined ? { exp } : {}) };
  }
}

/**
 * Sends each token to the verifier of its kind, told by the signature algorithm: HS256 to the shared
 * secret (when configured), RS256/ES256… to the identity provider (when configured).
 */
export class TokenVerifiers implements TokenVerifier {
  constructor(
    private readonly shared: SharedSecretVerifier | null,
    private readonly oidc: OidcTokenVerifier | null,
  ) {}

  keysVersion(): number {
    return this.oidc?.keysVersion() ?? 0;
  }

  async verify(token: string): Promise<VerifiedToken> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The bearer token is not a JWT');
    }
    if (alg === 'HS256') {
      if (this.shared) return this.shared.verify(token);
      throw unauthenticated('HS256 tokens are not accepted here: sign in through the identity provider');
    }
    if (this.oidc) return this.oidc.verify(token);
    throw unauthenticated(`Tokens signed with ${alg ?? 'no algorithm'} are not accepted: no identity provider is configured (OIDC_ISSUER or JWKS_URL)`);
  }
}
