import { beginStripeCall, completeStripeCall, type Db, withTenant } from '@switchyard/db';
import { BillingError } from './errors.ts';
import { isRetryableStripeError, type Stripe, stripeErrorCode } from './stripe-client.ts';

export interface StripeDeps {
  db: Db;
  stripe: Stripe;
}

/**
 * Makes one Stripe write through the outbox: the row (keyed by the idempotency key) is written
 * before the call and completed after it, so every call is on record, a call cut short stays
 * `pending` for reconciliation, and a retry finds its own row. Stripe's refusal (a 4xx that
 * will not change) becomes a BillingError; anything else is thrown for the caller to retry.
 */
export async function callStripe<T extends { id: string }>(
  deps: StripeDeps,
  call: { tenantId: string; idempotencyKey: string; operation: string; request: unknown },
  fn: (opts: Stripe.RequestOptions) => Promise<T>,
): Promise<T> {
  await withTenant(deps.db, call.tenantId, (trx) => beginStripeCall(trx, call));
  const done = (v: {
    status: 'succeeded' | 'failed';
    stripeObjectId?: string;
    errorCode?: string;
  }) =>
    withTenant(deps.db, call.tenantId, (trx) =>
      completeStripeCall(trx, {
        tenantId: call.tenantId,
        idempotencyKey: call.idempotencyKey,
        ...v,
      }),
    );
  let result: T;
  try {
    result = await fn({ idempotencyKey: call.idempotencyKey });
  } catch (err) {
    if (isRetryableStripeError(err)) throw err;
    const code = stripeErrorCode(err);
    await done({ status: 'failed', errorCode: code });
    throw new BillingError(
      'STRIPE_REJECTED',
      `Stripe refused ${call.operation} (${code}): ${(err as Error).message}`,
    );
  }
  await done({ status: 'succeeded', stripeObjectId: result.id });
  return result;
}

/**
 * A lookup found what an earlier call made (its answer was lost): that call's outbox row, if
 * it was left pending, is completed with the object found, so reconciliation sees no stuck call.
 */
export async function settleFoundCall(
  deps: StripeDeps,
  v: { tenantId: string; idempotencyKey: string; stripeObjectId: string },
): Promise<void> {
  await withTenant(deps.db, v.tenantId, (trx) =>
    completeStripeCall(trx, { ...v, status: 'succeeded' }),
  );
}
