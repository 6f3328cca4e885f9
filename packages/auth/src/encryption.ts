import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for marketplace tokens, supplier secrets and buyer PII: AES-256-GCM,
 * a fresh 96-bit IV per value, the key id stored in the value itself so keys can rotate
 * without downtime (old rows stay readable while a rotation job re-encrypts them).
 * Format: `v1.<keyId>.<iv b64url>.<ciphertext+tag b64url>`.
 */
export interface Keyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Parses `kid:base64key[,kid:base64key…]`; the first key encrypts, all keys decrypt. */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [kid, b64] = part.split(':');
    if (!kid || !b64 || !/^[A-Za-z0-9_-]+$/.test(kid))
      throw new Error('keyring entry must be kid:base64key');
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`key ${kid} must be 32 bytes`);
    keys.set(kid, key);
  }
  const currentKeyId = keys.keys().next().value;
  if (!currentKeyId) throw new Error('keyring is empty');
  return { currentKeyId, keys };
}

export function generateKeySpec(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

export function encrypt(ring: Keyring, plaintext: string): string {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(ring.currentKeyId));
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return `v1.${ring.currentKeyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function decrypt(ring: Keyring, value: string): string {
  const [version, kid, ivB64, bodyB64] = value.split('.');
  if (version !== 'v1' || !kid || !ivB64 || !bodyB64) throw new Error('not an encrypted value');
  const key = ring.keys.get(kid);
  if (!key) throw new Error(`unknown key id ${kid}`);
  const body = Buffer.from(bodyB64, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64url'));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([
    decipher.update(body.subarray(0, body.length - 16)),
    decipher.final(),
  ]).toString('utf8');
}

/** Key id a value was encrypted with, for rotation jobs. */
export function keyIdOf(value: string): string | undefined {
  return value.split('.')[1];
}
