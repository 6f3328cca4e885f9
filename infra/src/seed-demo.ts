import { bindShops, issueApiToken, registerSupplier } from '@switchyard/api';
import { parseKeyring } from '@switchyard/auth';
import { type Db, withTenant } from '@switchyard/db';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { createTikTokShopClient } from '@switchyard/tiktok-shop';
import { sql } from 'kysely';

/**
 * The demo's world: a seller shop in the marketplace simulator, bound to a new tenant through
 * the OAuth code exchange (R-ONB-1), one partner supplier, and a tenant API token.
 */
export async function seedDemo(opts: {
  db: Db;
  encryptionKeys: string;
  ttsUrl: string;
  TTS_APP_KEY: string;
  TTS_APP_SECRET: string;
  supplierEndpoint: string;
}) {
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${opts.ttsUrl}/__control${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const keyring = parseKeyring(opts.encryptionKeys);
  const shop = await control<{ id: string }>('/shops', { region: 'US', name: 'Sunny Gadgets US' });
  const { code } = await control<{ code: string }>('/auth-codes', { shop_ids: [shop.id] });
  const tiktok = createTikTokShopClient({
    apiBaseUrl: opts.ttsUrl,
    authBaseUrl: opts.ttsUrl,
    appKey: opts.TTS_APP_KEY,
    appSecret: opts.TTS_APP_SECRET,
  });
  const tenantName = 'Sunny Gadgets Ltd';
  const { tenantId } = await bindShops(
    { db: opts.db, keyring, tiktok },
    { authCode: code, tenantName },
  );
  const supplierSigningSecret = generateWebhookSecret();
  const { partnerKey } = await registerSupplier(
    { db: opts.db, keyring },
    {
      code: 'shenzhen-factory',
      name: 'Shenzhen Factory',
      endpointUrl: opts.supplierEndpoint,
      signingSecret: supplierSigningSecret,
      countries: ['US', 'GB'],
      carriers: ['USPS', 'UPS'],
    },
  );
  const apiToken = await issueApiToken(opts.db, tenantId, 'demo');

  /** One line on how the demo tenant's orders are doing. */
  async function statusLine(): Promise<string> {
    const rows = await withTenant(opts.db, tenantId, (trx) =>
      sql<{
        status: string;
        n: string;
      }>`select status, count(*)::text as n from orders group by status`.execute(trx),
    );
    const by = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
    const total = Object.values(by).reduce((a, b) => a + b, 0);
    const done = by.completed ?? 0;
    const held = by.on_hold ?? 0;
    const failed = (by.failed ?? 0) + (by.cancelled ?? 0);
    return `orders: ${done} completed, ${total - done - held - failed} in flight, ${held} on hold, ${failed} failed/cancelled`;
  }

  return {
    tenantId,
    tenantName,
    platformShopId: shop.id,
    apiToken,
    partnerKey,
    supplierSigningSecret,
    statusLine,
  };
}
