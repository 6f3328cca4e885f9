import { createHash, randomBytes } from 'node:crypto';

/**
 * High-entropy bearer secrets (tenant API tokens, partner keys, operator tokens): prefixed so a
 * leaked one is recognisable, shown once, stored only as SHA-256.
 */
export type SecretKind = 'sy_live' | 'sy_pk' | 'sy_op';

export function generateSecret(kind: SecretKind): { secret: string; prefix: string; hash: string } {
  const secret = `${kind}_${randomBytes(24).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, kind.length + 5), hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Extracts the token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}
