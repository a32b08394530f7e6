import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Role } from '@khg/domain';
import type { Caller } from '@khg/platform';

/** What a download link states: what to render, for whom (the caller's rights apply), until when. */
export interface DownloadClaims {
  kind: string;
  format: string;
  args: ExportArgs;
  caller: Caller;
  /** expiry, seconds since the epoch */
  exp: number;
}

/** Query.export's optional arguments (each kind reads the ones it needs). */
export interface ExportArgs {
  organizationId?: string | null;
  areaId?: string | null;
  fundId?: string | null;
  year?: number | null;
  memberId?: string | null;
}

export type LinkRefusal = 'LINK_INVALID' | 'LINK_EXPIRED';

export class DownloadLinkError extends Error {
  constructor(
    readonly code: LinkRefusal,
    message: string,
  ) {
    super(message);
  }
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Signs and checks download links: `<claims>.<HMAC-SHA256 of the claims>`, both base64url. A browser
 * opens the link without a header, so the link itself carries the caller; the key never leaves the
 * gateway. With no DOWNLOAD_SECRET the key is derived from INTERNAL_SECRET (a separate key, so a
 * link can never pass for a caller statement, which is a JWT under INTERNAL_SECRET itself).
 */
export class DownloadSigner {
  private readonly key: Buffer;

  constructor(
    secret: { downloadSecret?: string | null; internalSecret: string },
    readonly ttlSeconds: number,
  ) {
    this.key = secret.downloadSecret
      ? Buffer.from(secret.downloadSecret, 'utf8')
      : createHash('sha256').update('khg download links\0').update(secret.internalSecret).digest();
  }

  sign(claims: Omit<DownloadClaims, 'exp'>, now = Date.now()): { token: string; expiresAt: Date } {
    const exp = Math.floor(now / 1000) + this.ttlSeconds;
    const body = b64(JSON.stringify({ ...claims, exp }));
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a link this gateway signed and that has not expired; else a DownloadLinkError. */
  verify(token: string, now = Date.now()): DownloadClaims {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined)
      throw new DownloadLinkError('LINK_INVALID', 'This download link is malformed; ask for a new one with Query.export');
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DownloadLinkError('LINK_INVALID', 'This download link was not signed by this platform or was altered; ask for a new one with Query.export');
    }
    const claims = parseClaims(body);
    if (claims.exp * 1000 <= now)
      throw new DownloadLinkError(
        'LINK_EXPIRED',
        `This download link expired at ${new Date(claims.exp * 1000).toISOString()}; ask for a new one with Query.export`,
      );
    return claims;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function parseClaims(body: string): DownloadClaims {
  let c: Partial<DownloadClaims>;
  try {
    c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<DownloadClaims>;
  } catch {
    throw new DownloadLinkError('LINK_INVALID', 'This download link is malformed; ask for a new one with Query.export');
  }
  // signed by us, so well formed; checked anyway so a bug never renders for a caller without a role
  const roles = Object.values(Role) as string[];
  if (typeof c.kind !== 'string' || typeof c.format !== 'string' || typeof c.exp !== 'number' || !c.args || !c.caller || !roles.includes(c.caller.role)) {
    throw new DownloadLinkError('LINK_INVALID', 'This download link is malformed; ask for a new one with Query.export');
  }
  return c as DownloadClaims;
}
