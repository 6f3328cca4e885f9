import { BillingError, createPaymentMethodLink } from '@switchyard/stripe-billing';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  /** The page's own id for this request: a retry with the same id gets the same Stripe page. */
  requestId: z.string().regex(/^[\w-]{8,100}$/, '8 to 100 of [A-Za-z0-9_-]'),
});

const output = z.object({
  /** Stripe's hosted page (Checkout in setup mode) where the tenant saves a card. */
  url: z.string(),
  /** When the page stops working, seconds since the epoch (null: Stripe did not say). */
  expiresAt: z.number().nullable(),
});

/**
 * A Stripe-hosted page where the tenant saves a payment method for its invoices, made by the
 * same package function as the billing service's `POST /v1/payment-method-link`: the portal's
 * session is a cookie, not the API token that route takes, and the outbox keeps one record
 * of the call whichever process makes it.
 */
export const paymentMethodLinkProcedure = tenantProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const stripe = ctx.deps.stripe;
    if (!stripe)
      throw new AppError('PAYMENT_METHODS_UNAVAILABLE', 'payment methods are not set up here');
    try {
      return await createPaymentMethodLink(
        { db: ctx.deps.db, stripe: stripe.client },
        {
          tenantId: ctx.tenantId,
          requestId: input.requestId,
          currency: stripe.currency,
          returnUrl: stripe.returnUrl,
        },
      );
    } catch (err) {
      if (err instanceof BillingError) throw new AppError('BILLING_STRIPE_REJECTED', err.message);
      // Stripe unreachable or failing: the same requestId later returns the same page.
      throw new AppError('TRY_AGAIN_LATER', 'Stripe is not answering');
    }
  });
