import { encrypt, type Keyring } from '@switchyard/auth';
import { createTenant, type Db, resolveShop, upsertShop, withTenant } from '@switchyard/db';
import type { TikTokShopClient } from '@switchyard/tiktok-shop';
import { AppError } from '../errors.ts';

export interface BoundShops {
  tenantId: string;
  shops: Array<{ id: string; platformShopId: string; name: string }>;
}

/**
 * R-ONB-1: exchanges an authorization code for tokens and binds every shop the token covers.
 * Re-authorizing a bound shop updates it in place under its tenant; a shop bound to another
 * tenant is refused. Without an owner, the shops go to `tenantId` or a new tenant.
 */
export async function bindShops(
  deps: { db: Db; keyring: Keyring; tiktok: TikTokShopClient },
  input: { authCode: string; tenantId?: string | null; tenantName?: string },
): Promise<BoundShops> {
  const token = await deps.tiktok.getToken(input.authCode);
  const shops = await deps.tiktok.getAuthorizedShops(token.accessToken);
  const owners = new Set<string>();
  for (const s of shops) {
    const owner = await resolveShop(deps.db, 'tiktok', s.id);
    if (owner) owners.add(owner.tenant_id);
  }
  if (input.tenantId) owners.add(input.tenantId);
  if (owners.size > 1)
    throw new AppError(
      'SHOP_BOUND_ELSEWHERE',
      'a shop of this authorization is bound to another tenant',
    );
  const tenantId =
    [...owners][0] ??
    (await createTenant(deps.db, input.tenantName ?? token.sellerName ?? 'New seller'));
  const accessTokenEnc = encrypt(deps.keyring, token.accessToken);
  const refreshTokenEnc = encrypt(deps.keyring, token.refreshToken);
  const bound = await withTenant(deps.db, tenantId, async (trx) => {
    const out = [];
    for (const s of shops) {
      const id = await upsertShop(trx, {
        tenantId,
        platformShopId: s.id,
        name: s.name ?? s.id,
        region: s.region ?? token.sellerBaseRegion ?? '',
        cipher: s.cipher,
        accessTokenEnc,
        refreshTokenEnc,
        accessExpiresAt: token.accessTokenExpiresAt,
        refreshExpiresAt: token.refreshTokenExpiresAt,
      });
      out.push({ id, platformShopId: s.id, name: s.name ?? s.id });
    }
    return out;
  });
  return { tenantId, shops: bound };
}
