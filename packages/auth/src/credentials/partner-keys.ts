import { type Db, findSupplierByKeyHash } from '@switchyard/db';
import { hashSecret } from '../secrets.ts';

/**
 * The active supplier holding a partner key (`sy_pk_…`); undefined for anything else. Keys are
 * issued when the supplier is registered and stored only as hashes.
 */
export async function authenticatePartnerKey(
  db: Db,
  key: string,
): Promise<{ id: string; code: string } | undefined> {
  if (!key.startsWith('sy_pk_')) return undefined;
  const supplier = await findSupplierByKeyHash(db, hashSecret(key));
  return supplier && { id: supplier.id, code: supplier.code };
}
