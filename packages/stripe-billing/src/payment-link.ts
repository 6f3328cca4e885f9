import { ensureStripeCustomer } from './customers.ts';
import { callStripe, type StripeDeps } from './outbox.ts';

/**
 * A Stripe-hosted page (Checkout in setup mode) where the tenant saves a card for its invoices.
 * Each request makes a new session: a page is single-use and expires, so its key is the
 * caller's request id.
 */
export async function createPaymentMethodLink(
  deps: StripeDeps,
  v: { tenantId: string; requestId: string; currency: string; returnUrl: string },
): Promise<{ url: string; expiresAt: number | null }> {
  const customer = await ensureStripeCustomer(deps, v.tenantId);
  const session = await callStripe(
    deps,
    {
      tenantId: v.tenantId,
      idempotencyKey: `setup:${v.tenantId}:${v.requestId}`,
      operation: 'checkout.sessions.create',
      request: { currency: v.currency },
    },
    (opts) =>
      deps.stripe.checkout.sessions.create(
        {
          mode: 'setup',
          customer,
          currency: v.currency.toLowerCase(),
          success_url: v.returnUrl,
          cancel_url: v.returnUrl,
          metadata: { tenant_id: v.tenantId },
        },
        opts,
      ),
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  return { url: session.url, expiresAt: session.expires_at ?? null };
}
