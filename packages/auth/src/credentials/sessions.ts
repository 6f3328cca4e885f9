import { randomBytes } from 'node:crypto';
import { type Db, insertSession, resolveSession, revokeSession, withTenant } from '@switchyard/db';
import { hashSecret } from '../secrets.ts';

/** How long a tenant's portal session lasts. */
export const SESSION_TTL_S = 7 * 24 * 60 * 60;

/** Session tokens we issue are 43 characters; a much longer value is not looked up at all. */
const MAX_SESSION_TOKEN_LENGTH = 128;

/** Starts a tenant session; its token is returned once, only its hash is stored. */
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

/** The tenant of a live session; undefined when unknown or expired. */
export async function authenticateSession(db: Db, token: string): Promise<string | undefined> {
  if (token.length > MAX_SESSION_TOKEN_LENGTH) return undefined;
  return resolveSession(db, hashSecret(token));
}

/** Ends the tenant's session (sign-out); an unknown or foreign token changes nothing. */
export async function endSession(db: Db, tenantId: string, token: string): Promise<void> {
  if (token.length > MAX_SESSION_TOKEN_LENGTH) return;
  await withTenant(db, tenantId, (trx) => revokeSession(trx, hashSecret(token)));
}
