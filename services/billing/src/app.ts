import { mountOps, type OpsRoutes } from '@switchyard/observability/metrics';
import type { StripeDeps } from '@switchyard/stripe-billing';
import { Hono } from 'hono';
import { paymentMethodLinkRoute } from './payment-link-route.ts';
import { stripeWebhookRoute } from './webhook-route.ts';

export interface BillingAppDeps extends StripeDeps {
  webhookSecret: string;
  returnUrl: string;
  currency: string;
  log: (m: string, e?: unknown) => void;
  /** Milliseconds since the epoch; tests may move it. */
  clockMs?: () => number;
  /** `/readyz` and `/metrics`; unset, only the liveness `/healthz` is served. */
  ops?: OpsRoutes;
}

/** The billing service's HTTP edge: Stripe's webhooks and the tenant's payment-method page. */
export function createBillingApp(deps: BillingAppDeps): Hono {
  const app = new Hono();
  if (deps.ops) mountOps(app, deps.ops);
  else app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/webhooks/stripe', stripeWebhookRoute({ ...deps, clockMs: deps.clockMs ?? Date.now }));
  app.route('/v1/payment-method-link', paymentMethodLinkRoute(deps));
  app.onError((err, c) => {
    deps.log('billing request failed', err);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404));
  return app;
}
