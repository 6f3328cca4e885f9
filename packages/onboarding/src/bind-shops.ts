import { encrypt, type Keyring } from '@switchyard/auth';
import { createTenant, type Db, resolveShop, upsertShop, withTenant } from '@switchyard/db';
import { type TikTokShopClient, TikTokShopError } from '@switchyard/tiktok-shop';
import { OnboardingError } from './errors.ts';

export interface BoundShops {
  tenantId: string;
  shops: Array<{ id: string; platformShopId: string; name: string }>;
}

/**
 * The seller's tokens and the shops they cover. The marketplace refusing the code is the
 * seller's to fix (start again); any other failure of the marketplace is not.
 */
async function authorize(tiktok: TikTokShopClient, authCode: string) {
  try {
    const token = await tiktok.getToken(authCode);
    return { token, shops: await tiktok.getAuthorizedShops(token.accessToken) };
  } catch (err) {
    if (!(err instanceof TikTokShopError)) throw err;
    if (err.code === 'TTS_INVALID_AUTH_CODE')
      throw new OnboardingError(
        'OAUTH_CODE_INVALID',
        'the authorization code is invalid, used or expired',
        { cause: err },
      );
    throw new OnboardingError(
      'MARKETPLACE_UNAVAILABLE',
      `the marketplace did not complete the authorization (${err.code})`,
      { cause: err },
    );
  }
}

/**
 * R-ONB-1: exchanges an authorization code for tokens and binds every shop the token covers,
 * its tokens stored encrypted. Only an OAuth binding owns a marketplace shop; a file-only shop
 * with the same id never counts as an owner. Re-authorizing a bound shop updates it in place
 * under its tenant; a shop bound to another tenant is refused. Without an owner, the shops go
 * to `tenantId` (the signed-in tenant) or a new tenant. Starting the shops' workflows is the
 * caller's next step (connectShops, in the shop workflow family, does both).
 *
 * @throws OnboardingError `OAUTH_CODE_INVALID`, `MARKETPLACE_UNAVAILABLE`, `SHOP_BOUND_ELSEWHERE`
 */
export async function bindShops(
  deps: { db: Db; keyring: Keyring; tiktok: TikTokShopClient },
  input: { authCode: string; tenantId?: string | null; tenantName?: string },
): Promise<BoundShops> {
  const { token, shops } = await authorize(deps.tiktok, input.authCode);
  const owners = new Set<string>();
  for (const s of shops) {
    const owner = await resolveShop(deps.db, 'tiktok', s.id);
    if (owner) owners.add(owner.tenant_id);
  }
  if (input.tenantId) owners.add(input.tenantId);
  if (owners.size > 1)
    throw new OnboardingError(
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
