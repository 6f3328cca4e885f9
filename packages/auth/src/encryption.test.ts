import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKeySpec, keyIdOf, parseKeyring } from './encryption.ts';

describe('encryption at rest', () => {
  const ring = parseKeyring(`${generateKeySpec('k2')},${generateKeySpec('k1')}`);

  it('round-trips and tags the value with the current key id', () => {
    const v = encrypt(ring, 'TTP_secret-token ✓');
    expect(keyIdOf(v)).toBe('k2');
    expect(v).not.toContain('secret');
    expect(decrypt(ring, v)).toBe('TTP_secret-token ✓');
  });

  it('uses a fresh IV per value', () => {
    expect(encrypt(ring, 'x')).not.toBe(encrypt(ring, 'x'));
  });

  it('keeps values of a previous key readable after rotation', () => {
    const old = parseKeyring(
      [...ring.keys]
        .reverse()
        .map(([k, b]) => `${k}:${b.toString('base64')}`)
        .join(','),
    );
    const v = encrypt(old, 'old');
    expect(keyIdOf(v)).toBe('k1');
    expect(decrypt(ring, v)).toBe('old');
  });

  it('rejects tampered values and unknown keys', () => {
    const v = encrypt(ring, 'payload');
    const parts = v.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() =>
      decrypt(ring, [parts[0], parts[1], parts[2], body.toString('base64url')].join('.')),
    ).toThrow();
    expect(() => decrypt(ring, v.replace('.k2.', '.k9.'))).toThrow(/unknown key/);
    expect(() => decrypt(ring, v.replace('.k2.', '.k1.'))).toThrow();
  });

  it('refuses malformed keyrings', () => {
    expect(() => parseKeyring('')).toThrow();
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});
