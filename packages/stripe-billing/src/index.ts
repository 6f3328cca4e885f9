// Invoicing through Stripe: the tenant's customer, the month close's steps, webhooks and the
// payment-method page. Every Stripe write goes through the outbox with a deterministic key.
export {
  addCloseInvoiceLine,
  type ClosePlanInvoice,
  finalizeCloseInvoice,
  openCloseInvoice,
  planMonthClose,
} from './close.ts';
export { ensureStripeCustomer } from './customers.ts';
export { BillingError, type BillingErrorCode } from './errors.ts';
export { type CloseRef, stripeKeys } from './keys.ts';
export { callStripe, type StripeDeps } from './outbox.ts';
export { createPaymentMethodLink } from './payment-link.ts';
export { stripeFindings } from './reconcile.ts';
export {
  createStripeClient,
  isRetryableStripeError,
  type Stripe,
  stripeErrorCode,
} from './stripe-client.ts';
export {
  applyStripeEvent,
  type EventOutcome,
  receiveStripeEvent,
  syncInvoice,
} from './webhooks.ts';
