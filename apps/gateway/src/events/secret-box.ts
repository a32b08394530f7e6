import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
/** what INTERNAL_SECRET defaults to outside production (packages/platform's `secret`) */
const DEV_INTERNAL_SECRET = 'khg-local-development-secret-change-me';

/** A 32-byte key from base64 (44 characters) or hex (64 characters); null when it is neither. */
export function parseDataKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  return b.length === 32 && /^[A-Za-z0-9+/]{43}=$/.test(t) ? b : null;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Secrets at rest (webhook signing secrets), AES-256-GCM with a key from the environment:
 * `DATA_KEY` seals; `DATA_KEYS_PREVIOUS` (comma-separated) only open, during a rotation. Without
 * DATA_KEY the key is derived from INTERNAL_SECRET (HKDF-SHA256), so nothing is ever stored in clear.
 * Stored form: `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64), the row's id bound as associated data
 * so a sealed value cannot be moved to another row.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentId: string;

  constructor(
    private readonly current: Buffer,
    previous: readonly Buffer[] = [],
  ) {
    this.currentId = keyId(current);
    for (const k of [current, ...previous]) this.keys.set(keyId(k), k);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox {
    const derived = Buffer.from(hkdfSync('sha256', env.INTERNAL_SECRET || DEV_INTERNAL_SECRET, 'khg', 'khg-data-key', 32));
    const given = env.DATA_KEY ? parseDataKey(env.DATA_KEY) : null;
    if (env.DATA_KEY && !given) throw new Error('DATA_KEY must be 32 bytes, base64 (44 characters) or hex (64 characters)');
    const previous = (env.DATA_KEYS_PREVIOUS ?? '')
      .split(',')
      .filter((s) => s.trim())
      .map((s) => {
        const k = parseDataKey(s);
        if (!k) throw new Error('DATA_KEYS_PREVIOUS must list 32-byte keys, base64 or hex, comma-separated');
        return k;
      });
    // The derived key always opens: a platform that ran without DATA_KEY can move to one.
    return new SecretBox(given ?? derived, [...previous, derived]);
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.current, iv);
    c.setAAD(Buffer.from(boundTo));
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${PREFIX}${this.currentId}:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
  }

  /** The clear value; a value stored before encryption existed is returned as it is (until rotated). */
  open(stored: string, boundTo: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, iv, tag, ct] = stored.slice(PREFIX.length).split(':');
    const key = this.keys.get(id);
    if (!key) throw new Error(`No data key with id ${id}: set it in DATA_KEY or DATA_KEYS_PREVIOUS`);
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    d.setAAD(Buffer.from(boundTo));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
  }

  /** Whether the stored value is sealed with a key other than the current one (or not at all). */
  needsRotation(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}${this.currentId}:`);
  }
}
