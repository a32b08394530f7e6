import { Role } from '@khg/domain';
import { DomainError } from '@khg/platform';
import { callerFromOidcClaims, claimAt } from './identity';

const KEYCLOAK = { role: 'realm_access.roles', org: 'khg_org', member: 'khg_member' };

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('UNAUTHENTICATED');
    return (e as DomainError).message;
  }
  throw new Error('not refused');
};

describe('claims of an identity provider', () => {
  it('reads a dotted claim path, preferring a top-level claim named with dots', () => {
    expect(claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
    expect(claimAt({ 'https://khg.vn/role': 'ADMIN' }, 'https://khg.vn/role')).toBe('ADMIN');
    expect(claimAt({ a: 'x' }, 'a.b.c')).toBeUndefined();
  });

  it('picks the platform role out of Keycloak realm roles, the most privileged first', () => {
    const c = callerFromOidcClaims({ sub: 'u1', realm_access: { roles: ['offline_access', 'member', 'khg-analyst'] }, khg_member: 'mbr_1' }, KEYCLOAK);
    expect(c).toEqual({ sub: 'u1', role: Role.ANALYST, memberId: 'mbr_1' });
  });

  it('takes the organisation from a single-valued or list attribute', () => {
    expect(callerFromOidcClaims({ sub: 'u', realm_access: { roles: ['officer'] }, khg_org: ['org_9'] }, KEYCLOAK)).toEqual({
      sub: 'u',
      role: Role.OFFICER,
      orgId: 'org_9',
    });
    expect(callerFromOidcClaims({ sub: 'u', role: 'OFFICER', org: 'org_9' }, { role: 'role', org: 'org', member: 'member' }).orgId).toBe('org_9');
  });

  it('names what is missing', () => {
    expect(refusal(() => callerFromOidcClaims({ sub: 'u' }, KEYCLOAK))).toMatch(/no role claim realm_access\.roles \(OIDC_ROLE_CLAIM\)/);
    expect(refusal(() => callerFromOidcClaims({ sub: 'u', realm_access: { roles: ['uma_authorization'] } }, KEYCLOAK))).toMatch(/none of the platform's roles/);
    expect(refusal(() => callerFromOidcClaims({ realm_access: { roles: ['admin'] } }, KEYCLOAK))).toMatch(/no subject/);
    expect(refusal(() => callerFromOidcClaims({ sub: 'u', realm_access: { roles: ['member'] } }, KEYCLOAK))).toMatch(/claim khg_member, OIDC_MEMBER_CLAIM/);
  });
});
