import { Role } from '@khg/domain';
import { DownloadLinkError, DownloadSigner } from './signing';

const claims = { kind: 'YEAR_REPORT', format: 'XLSX', args: { organizationId: 'org_1', year: 2018 }, caller: { sub: 'u', role: Role.OFFICER, orgId: 'org_1' } };
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DownloadLinkError ? e.code : e;
  }
  return null;
};

describe('download links', () => {
  const now = Date.UTC(2026, 0, 1);
  const signer = new DownloadSigner({ internalSecret: 'internal-secret-of-thirty-two-chars' }, 600);

  it('carries what to render and who asked until it expires', () => {
    const { token, expiresAt } = signer.sign(claims, now);
    expect(expiresAt.getTime()).toBe(now + 600_000);
    expect(signer.verify(token, now + 599_000)).toEqual({ ...claims, exp: (now + 600_000) / 1000 });
    expect(refusal(() => signer.verify(token, now + 600_000))).toBe('LINK_EXPIRED');
  });

  it('refuses a link altered, malformed, or signed with another key', () => {
    const { token } = signer.sign(claims, now);
    const [body, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...claims, caller: { sub: 'u', role: Role.ADMIN }, exp: now / 1000 + 600 })).toString('base64url');
    expect(refusal(() => signer.verify(`${other}.${mac}`, now))).toBe('LINK_INVALID');
    expect(refusal(() => signer.verify(`${body}.${mac}x`, now))).toBe('LINK_INVALID');
    expect(refusal(() => signer.verify('a.b.c', now))).toBe('LINK_INVALID');
    expect(refusal(() => new DownloadSigner({ internalSecret: 'another-internal-secret-of-32-chars' }, 600).verify(token, now))).toBe('LINK_INVALID');
    // DOWNLOAD_SECRET, when set, is the key
    expect(
      refusal(() =>
        new DownloadSigner({ downloadSecret: 'a-download-secret-key', internalSecret: 'internal-secret-of-thirty-two-chars' }, 600).verify(token, now),
      ),
    ).toBe('LINK_INVALID');
  });
});
