import { randomUUID } from 'node:crypto';
import { bearerToken } from '@switchyard/auth';
import { authenticateCaller } from '@switchyard/auth/credentials';
import { BillingError, createPaymentMethodLink, type StripeDeps } from '@switchyard/stripe-billing';
import { Hono } from 'hono';

/**
 * `POST /v1/payment-method-link` with the tenant's API token: a Stripe-hosted page (Checkout in
 * setup mode) where the tenant saves a card for its invoices. An `Idempotency-Key` header makes
 * a retried request return the same page.
 */
export function paymentMethodLinkRoute(deps: StripeDeps & { returnUrl: string; currency: string }) {
  const app = new Hono();
  app.post('/', async (c) => {
    const bearer = bearerToken(c.req.header('authorization'));
    const { tenantId } = bearer ? await authenticateCaller(deps.db, { bearer }) : {};
    if (!tenantId)
      return c.json(
        { error: { code: 'UNAUTHORIZED', message: 'a tenant API token is required' } },
        401,
      );
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !/^[\w-]{8,100}$/.test(key))
      return c.json(
        { error: { code: 'INPUT_INVALID', message: 'Idempotency-Key: 8 to 100 of [A-Za-z0-9_-]' } },
        400,
      );
    try {
      const link = await createPaymentMethodLink(deps, {
        tenantId,
        requestId: key ?? randomUUID(),
        currency: deps.currency,
        returnUrl: deps.returnUrl,
      });
      return c.json(link);
    } catch (err) {
      if (err instanceof BillingError)
        return c.json({ error: { code: 'BILLING_STRIPE_REJECTED', message: err.message } }, 502);
      // Stripe unreachable or failing: the same Idempotency-Key later returns the same page.
      c.header('Retry-After', '5');
      return c.json(
        { error: { code: 'TRY_AGAIN_LATER', message: 'Stripe is not answering' } },
        503,
      );
    }
  });
  return app;
}
