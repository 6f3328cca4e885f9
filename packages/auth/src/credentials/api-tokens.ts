import {
  type Db,
  insertApiToken,
  resolveApiToken,
  revokeApiToken,
  withTenant,
} from '@switchyard/db';
import { generateSecret, hashSecret } from '../secrets.ts';

/** Issues a tenant API token (`sy_live_…`); the secret is returned once, only its hash is stored. */
export async function issueApiToken(db: Db, tenantId: string, name: string): Promise<string> {
  const { secret, prefix, hash } = generateSecret('sy_live');
  await withTenant(db, tenantId, (trx) =>
    insertApiToken(trx, { tenantId, name, prefix, tokenHash: hash }),
  );
  return secret;
}

/** The tenant of a live API token; undefined when unknown, revoked or not an API token. */
export async function authenticateApiToken(db: Db, token: string): Promise<string | undefined> {
  if (!token.startsWith('sy_live_')) return undefined;
  return resolveApiToken(db, hashSecret(token));
}

/**
 * Revokes one of the tenant's API tokens at once. False when the tenant has no such active
 * token; another tenant's token is not even visible here (row-level security).
 */
export async function revokeTenantApiToken(
  db: Db,
  tenantId: string,
  tokenId: string,
): Promise<boolean> {
  return withTenant(db, tenantId, (trx) => revokeApiToken(trx, tokenId));
}
