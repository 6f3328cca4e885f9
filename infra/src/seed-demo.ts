import { parseKeyring } from '@switchyard/auth';
import {
  authenticateOperatorToken,
  authenticateSession,
  issueApiToken,
  issueOperatorToken,
  issueSignInLink,
} from '@switchyard/auth/credentials';
import { periodToDate } from '@switchyard/billing/operations';
import { type Db, withTenant } from '@switchyard/db';
import { formatMoney } from '@switchyard/domain';
import { registerSupplier } from '@switchyard/onboarding';
import { generateWebhookSecret } from '@switchyard/suppliers';
import { sql } from 'kysely';
import { Browser, hiddenInput } from './browser.ts';
import { mapSimCatalog, stockSimCatalog } from './sim-catalog.ts';

/** The demo's sign-in links last an hour: long enough to read the console, still once only. */
const DEMO_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * The demo's world: a seller shop in the marketplace simulator bound to a new tenant through
 * the real OAuth flow over HTTP (start → consent page → callback, R-ONB-1), one partner
 * supplier, a tenant API token and an operator token.
 */
export async function seedDemo(opts: {
  db: Db;
  encryptionKeys: string;
  ttsUrl: string;
  apiUrl: string;
  supplierEndpoint: string;
}) {
  const created = await fetch(`${opts.ttsUrl}/__control/shops`, {
    method: 'POST',
    body: JSON.stringify({ region: 'US', name: 'Sunny Gadgets US' }),
  });
  const shop = (await created.json()) as { id: string; name: string };

  const seller = new Browser();
  const start = await seller.request(`${opts.apiUrl}/oauth/tiktok/start`);
  const consentUrl = start.headers.get('location') ?? '';
  const page = await (await seller.request(consentUrl)).text();
  const allowed = await seller.submit(new URL('/oauth/authorize', consentUrl).toString(), [
    ['state', hiddenInput(page, 'state') ?? ''],
    ['shop_id', shop.id],
    ['decision', 'allow'],
  ]);
  const callback = await seller.request(allowed.headers.get('location') ?? '');
  const session = seller.cookie(opts.apiUrl, 'sy_session');
  if (callback.status !== 200 || !session)
    throw new Error(`demo onboarding failed: ${callback.status} ${await callback.text()}`);
  const tenantId = await authenticateSession(opts.db, session);
  if (!tenantId) throw new Error('demo session has no tenant');

  const keyring = parseKeyring(opts.encryptionKeys);
  const supplierSigningSecret = generateWebhookSecret();
  const reach = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
  const { supplierId, partnerKey } = await registerSupplier(
    { db: opts.db, keyring },
    {
      code: 'shenzhen-factory',
      name: 'Shenzhen Factory',
      endpointUrl: opts.supplierEndpoint,
      signingSecret: supplierSigningSecret,
      ...reach,
    },
  );
  await mapSimCatalog(opts.db, tenantId, 'SZ');
  await stockSimCatalog(opts.db, { supplierId, ...reach }, { prefix: 'SZ' });
  const apiToken = await issueApiToken(opts.db, tenantId, 'demo');
  const operatorToken = await issueOperatorToken(opts.db, 'demo operator');
  const operatorTokenId = await authenticateOperatorToken(opts.db, operatorToken);
  if (!operatorTokenId) throw new Error('demo operator token does not resolve');
  // One-time portal sign-in links (issue 12): the secret rides in the URL's fragment, which
  // no server or log sees; the portal redeems it once for a session cookie.
  const link = async (subject: Parameters<typeof issueSignInLink>[1]) =>
    `${opts.apiUrl}/sign-in#${await issueSignInLink(opts.db, subject, DEMO_LINK_TTL_MS)}`;
  const signInLinks = {
    seller: await link({ kind: 'tenant', tenantId }),
    supplier: await link({ kind: 'supplier', supplierId }),
    operator: await link({ kind: 'operator', operatorTokenId }),
  };

  /** One line on how the demo tenant's orders are doing. */
  async function statusLine(): Promise<string> {
    const rows = await withTenant(opts.db, tenantId!, (trx) =>
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
    // The demo tenant's running bill: what billing.periodToDate answers it.
    const bill = await periodToDate(opts.db, { tenantId: tenantId!, now: new Date() });
    const owed =
      bill.currencies.map((c) => formatMoney(c.totalMinor, c.currency)).join(' + ') || 'nothing';
    return `orders: ${done} completed, ${total - done - held - failed} in flight, ${held} on hold, ${failed} failed/cancelled · bill ${bill.period.month}: ${owed}`;
  }

  return {
    tenantId,
    shopName: shop.name,
    platformShopId: shop.id,
    apiToken,
    operatorToken,
    signInLinks,
    partnerKey,
    supplierSigningSecret,
    statusLine,
  };
}
