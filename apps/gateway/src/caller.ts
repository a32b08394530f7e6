import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { DomainError, REQUEST_ID_HEADER, signInternalCaller, toGraphQLError, unauthenticated, verifyUserToken, type Caller } from '@khg/platform';

export interface GatewayContext {
  caller: Caller;
  /** the signed statement of the caller that subgraphs trust */
  callerHeader: string;
  requestId: string;
  /** the services this request's plan fetched from (what its answer depends on) */
  touched?: Set<string>;
  /** set when the answer may be stored in the response cache */
  cacheTicket?: import('./response-cache').CacheTicket;
}

const INTERNAL_TTL_S = 300;
const CACHE_MAX = 10_000;

/** Verifies the bearer token and signs the caller for subgraphs, reusing signatures for a while. */
export class CallerAuthenticator {
  private readonly cache = new Map<string, { caller: Caller; header: string; until: number }>();

  constructor(private readonly jwtSecret: string, private readonly internalSecret: string) {}

  async authenticate(authorization: string | undefined): Promise<{ caller: Caller; header: string }> {
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

  /** Apollo's context function: refuses the whole operation (401) without a valid token. */
  async context(req: IncomingMessage): Promise<GatewayContext> {
    const requestId = String(req.headers[REQUEST_ID_HEADER] ?? '') || randomUUID();
    try {
      const { caller, header } = await this.authenticate(req.headers.authorization);
      return { caller, callerHeader: header, requestId };
    } catch (e) {
      if (e instanceof DomainError) throw toGraphQLError(e);
      throw new GraphQLError('Could not authenticate the request', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
  }
}
