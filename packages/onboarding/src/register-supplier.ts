import { encrypt, generateSecret, type Keyring } from '@switchyard/auth';
import { type Db, upsertSupplier } from '@switchyard/db';

/**
 * Operator action: registers a partner supplier. Returns its partner key once (stored as a
 * hash); the webhook signing secret is stored encrypted because we sign with it. Registering
 * a code again replaces its keys at once; to rotate with an overlap, use issuePartnerKey.
 */
export async function registerSupplier(
  deps: { db: Db; keyring: Keyring },
  v: {
    code: string;
    name: string;
    endpointUrl: string;
    signingSecret: string;
    countries: string[];
    carriers: string[];
  },
): Promise<{ supplierId: string; partnerKey: string }> {
  const key = generateSecret('sy_pk');
  const supplierId = await upsertSupplier(deps.db, {
    code: v.code,
    name: v.name,
    endpointUrl: v.endpointUrl,
    signingSecretEnc: encrypt(deps.keyring, v.signingSecret),
    partnerKeyHash: key.hash,
    partnerKeyPrefix: key.prefix,
    countries: v.countries,
    carriers: v.carriers,
  });
  return { supplierId, partnerKey: key.secret };
}
