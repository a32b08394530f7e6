import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { Role } from '@khg/domain';
import { unauthenticated } from './errors';

/** Who is calling: verified at the gateway, trusted by subgraphs through a signed header. */
export interface Caller {
  /** token subject: a person or a system */
  sub: string;
  role: Role;
  /** the organisation an OFFICER acts for (its subtree bounds the officer's writes) */
  orgId?: string;
  /** the member a MEMBER token belongs to */
  memberId?: string;
}

/** The header the gateway uses to pass a verified caller to subgraphs. */
export const CALLER_HEADER = 'x-khg-caller';
export const REQUEST_ID_HEADER = 'x-request-id';

const ISSUER = 'khuyen-hoc-graph';
const USER_AUDIENCE = 'khg-api';
const INTERNAL_AUDIENCE = 'khg-subgraph';
const enc = (secret: string) => new TextEncoder().encode(secret);

const ROLES = new Set<string>(Object.values(Role));

function callerFromClaims(claims: Record<string, unknown>): Caller {
  const role = claims.role;
  if (typeof claims.sub !== 'string' || typeof role !== 'string' || !ROLES.has(role)) {
    throw unauthenticated('The token does not name a subject and a known role');
  }
  if (role === Role.OFFICER && typeof claims.org !== 'string') throw unauthenticated('An OFFICER token must name its organisation (org claim)');
  if (role === Role.MEMBER && typeof claims.member !== 'string') throw unauthenticated('A MEMBER token must name its member (member claim)');
  return {
    sub: claims.sub,
    role: role as Role,
    ...(typeof claims.org === 'string' ? { orgId: claims.org } : {}),
    ...(typeof claims.member === 'string' ? { memberId: claims.member } : {}),
  };
}

function claimsOf(caller: Caller): Record<string, unknown> {
  return { role: caller.role, ...(caller.orgId ? { org: caller.orgId } : {}), ...(caller.memberId ? { member: caller.memberId } : {}) };
}

/** A user token (what `npm run token` prints and an identity provider would issue). */
export async function signUserToken(secret: string, caller: Caller, ttl = '12h'): Promise<string> {
  return new SignJWT(claimsOf(caller))
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.sub)
    .setIssuer(ISSUER)
    .setAudience(USER_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(enc(secret));
}

export async function verifyUserToken(secret: string, token: string): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, enc(secret), { issuer: ISSUER, audience: USER_AUDIENCE, algorithms: ['HS256'] });
    return callerFromClaims(payload);
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired: get a new one');
    if (e instanceof joseErrors.JOSEError) throw unauthenticated('The token is not valid for this platform');
    throw e;
  }
}

/** The gateway's signed statement of the caller, short-lived, for subgraphs only. */
export async function signInternalCaller(secret: string, caller: Caller, ttl = '5m'): Promise<string> {
  return new SignJWT(claimsOf(caller))
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.sub)
    .setIssuer(ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(enc(secret));
}

export async function verifyInternalCaller(secret: string, header: string | undefined): Promise<Caller> {
  if (!header) throw unauthenticated('Subgraphs answer only calls that come through the gateway');
  try {
    const { payload } = await jwtVerify(header, enc(secret), { issuer: ISSUER, audience: INTERNAL_AUDIENCE, algorithms: ['HS256'] });
    return callerFromClaims(payload);
  } catch (e) {
    if (e instanceof joseErrors.JOSEError) throw unauthenticated('The caller statement from the gateway is not valid');
    throw e;
  }
}
