import { getBillingCustomer, saveBillingCustomer, withTenant } from '@switchyard/db';
import { stripeKeys } from './keys.ts';
import { callStripe, type StripeDeps, settleFoundCall } from './outbox.ts';

/**
 * The tenant's Stripe customer, created once. Our table answers first; then Stripe is asked
 * for a customer with our tenant id in its metadata (a creation whose answer was lost longer
 * ago than Stripe keeps idempotency keys); only then is one created, with a key derived from
 * the tenant id.
 */
export async function ensureStripeCustomer(deps: StripeDeps, tenantId: string): Promise<string> {
  const known = await withTenant(deps.db, tenantId, async (trx) => {
    const row = await getBillingCustomer(trx, tenantId);
    const tenant = await trx
      .selectFrom('tenants')
      .select('name')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return { id: row?.stripe_customer_id, name: tenant?.name ?? null };
  });
  if (known.id) return known.id;
  const found = await deps.stripe.customers.search({
    query: `metadata['tenant_id']:'${tenantId}'`,
    limit: 1,
  });
  const existing = found.data[0];
  if (existing)
    await settleFoundCall(deps, {
      tenantId,
      idempotencyKey: stripeKeys.customer(tenantId),
      stripeObjectId: existing.id,
    });
  const customer =
    existing ??
    (await callStripe(
      deps,
      {
        tenantId,
        idempotencyKey: stripeKeys.customer(tenantId),
        operation: 'customers.create',
        request: { tenantId },
      },
      (opts) =>
        deps.stripe.customers.create(
          { ...(known.name ? { name: known.name } : {}), metadata: { tenant_id: tenantId } },
          opts,
        ),
    ));
  return withTenant(deps.db, tenantId, (trx) =>
    saveBillingCustomer(trx, { tenantId, stripeCustomerId: customer.id }),
  );
}
