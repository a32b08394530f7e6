import { decodeJwt } from 'jose';
import { signInternalCaller, unauthenticated, verifyUserToken, type Caller } from '@khg/platform';

const INTERNAL_TTL_S = 300;
const CACHE_MAX = 10_000;

/** A verified caller and its signed statement for subgraphs. */
export interface Authenticated {
  caller: Caller;
  header: string;
}

/** Verifies the bearer token and signs the caller for subgraphs, reusing signatures for a while. */
export class CallerAuthenticator {
  private readonly cache = new Map<string, Authenticated & { until: number }>();

  constructor(
    private readonly jwtSecret: string,
    private readonly internalSecret: string,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Authenticated> {
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (!token) throw unauthenticated();
    const hit = this.cache.get(token);
    if (hit && hit.until > Date.now()) return hit;
    const caller = await verifyUserToken(this.jwtSecret, token);
    const header = await signInternalCaller(this.internalSecret, caller, `${INTERNAL_TTL_S}s`);
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    // Reused until the signature is near its end, but never past the user token's own expiry.
    const exp = decodeJwt(token).exp;
    const entry = { caller, header, until: Math.min(Date.now() + (INTERNAL_TTL_S - 30) * 1000, exp ? exp * 1000 : Infinity) };
    this.cache.set(token, entry);
    return entry;
  }
}
