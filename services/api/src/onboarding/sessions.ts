import { randomBytes } from 'node:crypto';
import { hashSecret } from '@switchyard/auth';
import { type Db, insertSession, withTenant } from '@switchyard/db';

export const SESSION_COOKIE = 'sy_session';
export const SESSION_TTL_S = 7 * 24 * 60 * 60;

/** Starts a tenant session; the cookie value is returned once, only its hash is stored. */
export async function startSession(db: Db, tenantId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await withTenant(db, tenantId, (trx) =>
    insertSession(trx, {
      tenantId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + SESSION_TTL_S * 1000),
    }),
  );
  return token;
}
