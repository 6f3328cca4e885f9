import { randomBytes } from 'node:crypto';
import { type Db, insertCsvShop, withTenant } from '@switchyard/db';
import { OnboardingError } from './errors.ts';

/**
 * R-IN-3: a shop for a seller without API access; orders arrive by CSV import, tracking goes
 * back through the bulk-shipping export. Its id is the tenant's own label (the seller center's
 * shop id or code, or a generated `file-…`): unique within the tenant, and no claim on the
 * marketplace shop of that id, which only OAuth binds (R-ONB-1).
 *
 * @throws OnboardingError `SHOP_ALREADY_EXISTS`
 */
export async function createCsvShop(
  db: Db,
  tenantId: string,
  v: { name: string; region: string; platformShopId?: string | undefined },
): Promise<{ id: string; platformShopId: string }> {
  const platformShopId = v.platformShopId ?? `file-${randomBytes(6).toString('hex')}`;
  try {
    const id = await withTenant(db, tenantId, (trx) =>
      insertCsvShop(trx, { tenantId, platformShopId, name: v.name, region: v.region }),
    );
    return { id, platformShopId };
  } catch (err) {
    // Unique within the tenant only: another tenant's ids are no concern.
    if ((err as { code?: string }).code === '23505')
      throw new OnboardingError(
        'SHOP_ALREADY_EXISTS',
        'a file-only shop with this id already exists',
        { cause: err },
      );
    throw err;
  }
}
