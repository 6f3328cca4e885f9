import { generateSecret } from '@switchyard/auth';
import { type Db, insertApiToken, withTenant } from '@switchyard/db';

/** Issues a tenant API token; the secret is returned once and only its hash is stored. */
export async function issueApiToken(db: Db, tenantId: string, name: string): Promise<string> {
  const { secret, prefix, hash } = generateSecret('sy_live');
  await withTenant(db, tenantId, (trx) =>
    insertApiToken(trx, { tenantId, name, prefix, tokenHash: hash }),
  );
  return secret;
}
