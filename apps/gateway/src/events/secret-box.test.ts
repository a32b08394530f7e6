import { randomBytes } from 'node:crypto';
import { SecretBox, parseDataKey } from './secret-box';

describe('secrets at rest', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('seals with AES-256-GCM, bound to its row, and opens with the current or a previous key', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s3cret-value', 'whk_1');
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('s3cret-value');
    expect(box.open(sealed, 'whk_1')).toBe('s3cret-value');
    expect(() => box.open(sealed, 'whk_2')).toThrow();
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.open(sealed, 'whk_1')).toBe('s3cret-value');
    expect(() => new SecretBox(k2).open(sealed, 'whk_1')).toThrow(/No data key/);
    expect(box.open('legacy-plain', 'whk_1')).toBe('legacy-plain');
  });

  it('reads keys as base64 or hex, 32 bytes only', () => {
    expect(parseDataKey(k1.toString('base64'))).toEqual(k1);
    expect(parseDataKey(k1.toString('hex'))).toEqual(k1);
    expect(parseDataKey('short')).toBeNull();
    expect(() => SecretBox.fromEnv({ DATA_KEY: 'nope' })).toThrow(/DATA_KEY must be 32 bytes/);
  });
});
