import { signInternalCaller, unauthenticated, type Caller } from '@khg/platform';
import type { GatewayConfig } from './config';
import { OidcTokenVerifier, SharedSecretVerifier, TokenVerifiers, type TokenVerifier } from './identity';

const INTERNAL_TTL_S = 300;
const CACHE_MAX = 10_000;

/** A verified caller and its signed statement for subgraphs. */
export interface Authenticated {
  caller: Caller;
  header: string;
}

interface CacheEntry extends Authenticated {
  until: number;
  keysVersion?: number;
}

/** Verifies the bearer token and signs the caller for subgraphs, reusing signatures for a while. */
export class CallerAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly internalSecret: string,
  ) {}

  /** HS256 with JWT_SECRET and/or an OpenID Connect provider, as configured (config.ts). */
  static fromConfig(config: Pick<GatewayConfig, 'JWT_SECRET' | 'INTERNAL_SECRET' | 'oidc'>): CallerAuthenticator {
    const verifier = new TokenVerifiers(
      config.JWT_SECRET ? new SharedSecretVerifier(config.JWT_SECRET) : null,
      config.oidc ? new OidcTokenVerifier(config.oidc) : null,
    );
    return new CallerAuthenticator(verifier, config.INTERNAL_SECRET);
  }

  async authenticate(authorization: string | undefined): Promise<Authenticated> {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!token) throw unauthenticated();
    const hit = this.cache.get(token);
    if (hit && hit.until > Date.now() && (hit.keysVersion === undefined || hit.keysVersion === this.verifier.keysVersion?.())) return hit;
    if (hit) this.cache.delete(token);
    const { caller, exp, keysVersion, recheckAt } = await this.verifier.verify(token);
    const header = await signInternalCaller(this.internalSecret, caller, `${INTERNAL_TTL_S}s`);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    // Reused until the signature is near its end, but never past the user token's own expiry, and
    // (provider tokens) only while the provider's key set is the one the token was checked against,
    // and no longer than the key set's max age (so a withdrawn key stops working within two of them).
    const until = Math.min(Date.now() + (INTERNAL_TTL_S - 30) * 1000, exp ? exp * 1000 : Infinity, recheckAt ?? Infinity);
    const entry: CacheEntry = { caller, header, until, ...(keysVersion !== undefined ? { keysVersion } : {}) };
    this.cache.set(token, entry);
    return entry;
  }
}
