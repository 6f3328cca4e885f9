import {
  getInvoiceByStripeId,
  listPeriodInvoices,
  markStripeEventProcessed,
  recordStripeEvent,
  setBillingPaymentMethod,
  setPastDue,
  tenantOfStripeCustomer,
  updatePeriodInvoice,
  withTenant,
} from '@switchyard/db';
import { nextInvoiceStatus } from '@switchyard/domain';
import { stripeKeys } from './keys.ts';
import { callStripe, type StripeDeps } from './outbox.ts';
import type { Stripe } from './stripe-client.ts';

/** What became of an event: applied, a duplicate of one kept before, or not about us. */
export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

const idOf = (v: string | { id: string } | null | undefined) =>
  typeof v === 'string' ? v : (v?.id ?? null);

/**
 * Keeps a verified event in the inbox by id; a duplicate (Stripe delivers at least once)
 * changes nothing. The event is a hint: the object it names is fetched again, so events out of
 * order or stale cannot move anything backwards.
 */
export async function receiveStripeEvent(
  deps: StripeDeps & { now?: () => Date },
  event: Stripe.Event,
): Promise<EventOutcome> {
  const object = event.data.object as { id?: string };
  const fresh = await recordStripeEvent(deps.db, {
    eventId: event.id,
    type: event.type,
    objectId: object.id ?? null,
    createdAtStripe: event.created,
  });
  if (!fresh) return 'duplicate';
  const outcome = await applyStripeEvent(deps, { type: event.type, objectId: object.id ?? null });
  await markStripeEventProcessed(deps.db, event.id);
  return outcome;
}

/** Applies an inbox event (also for events kept by a process that died before applying them). */
export async function applyStripeEvent(
  deps: StripeDeps & { now?: () => Date },
  event: { type: string; objectId: string | null },
): Promise<EventOutcome> {
  if (!event.objectId) return 'ignored';
  if (event.type.startsWith('invoice.')) return syncInvoice(deps, event.objectId);
  if (event.type === 'checkout.session.completed') return savePaymentMethod(deps, event.objectId);
  return 'ignored';
}

/** Moves our invoice to what Stripe says now, and flags or clears the tenant as past due. */
export async function syncInvoice(
  deps: StripeDeps & { now?: () => Date },
  invoiceId: string,
): Promise<EventOutcome> {
  const invoice = await deps.stripe.invoices.retrieve(invoiceId);
  const customer = idOf(invoice.customer);
  const tenantId = customer && (await tenantOfStripeCustomer(deps.db, customer));
  if (!tenantId) return 'ignored';
  return withTenant(deps.db, tenantId, async (trx) => {
    const row = await getInvoiceByStripeId(trx, invoiceId);
    if (!row) return 'ignored';
    const status = nextInvoiceStatus(row.status, {
      status: invoice.status ?? 'draft',
      attemptCount: invoice.attempt_count,
    });
    await updatePeriodInvoice(trx, invoiceId, {
      status,
      stripeTotalMinor: BigInt(invoice.total),
      hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
      invoicePdf: invoice.invoice_pdf ?? null,
    });
    // Past due while any invoice is unpaid after a failed charge; its orders still ship.
    const all = await listPeriodInvoices(trx, tenantId);
    const owing = all.some((i) => i.status === 'payment_failed' || i.status === 'uncollectible');
    await setPastDue(trx, tenantId, owing ? (deps.now?.() ?? new Date()) : null);
    return 'applied';
  });
}

/**
 * A completed setup page: the card it saved becomes the customer's default for invoices, at
 * Stripe (which charges it) and in our table (which the tenant API shows).
 */
async function savePaymentMethod(deps: StripeDeps, sessionId: string): Promise<EventOutcome> {
  const session = await deps.stripe.checkout.sessions.retrieve(sessionId);
  const customer = idOf(session.customer);
  const intentId = idOf(session.setup_intent);
  const tenantId = customer && (await tenantOfStripeCustomer(deps.db, customer));
  if (!tenantId || !intentId || session.status !== 'complete') return 'ignored';
  const intent = await deps.stripe.setupIntents.retrieve(intentId);
  const paymentMethod = idOf(intent.payment_method);
  if (!paymentMethod) return 'ignored';
  await callStripe(
    deps,
    {
      tenantId,
      idempotencyKey: stripeKeys.defaultPaymentMethod(tenantId, paymentMethod),
      operation: 'customers.update',
      request: { paymentMethod },
    },
    (opts) =>
      deps.stripe.customers.update(
        customer,
        { invoice_settings: { default_payment_method: paymentMethod } },
        opts,
      ),
  );
  await withTenant(deps.db, tenantId, (trx) =>
    setBillingPaymentMethod(trx, tenantId, paymentMethod),
  );
  return 'applied';
}
