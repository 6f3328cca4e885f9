import Stripe from 'stripe';

export type { Stripe };

/**
 * The platform's Stripe client. `apiUrl` points it elsewhere than api.stripe.com (the Stripe
 * simulator, stripe-mock). The SDK's own retries are off: every call is made by a Temporal
 * activity or a webhook handler that retries with the same idempotency key.
 */
export function createStripeClient(opts: {
  apiKey: string;
  apiUrl?: string;
  timeoutMs?: number;
}): Stripe {
  const url = opts.apiUrl ? new URL(opts.apiUrl) : undefined;
  return new Stripe(opts.apiKey, {
    maxNetworkRetries: 0,
    timeout: opts.timeoutMs ?? 10_000,
    ...(url
      ? {
          host: url.hostname,
          port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
          protocol: url.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
}

/** Whether a failed call may succeed if made again (with the same idempotency key). */
export function isRetryableStripeError(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return true;
  const status = err.statusCode;
  // No answer, a conflict on the key while the first is running, a rate limit, or Stripe's own.
  return status === undefined || status === 409 || status === 429 || status >= 500;
}

/** Stripe's error code (or type) for the outbox and for failures. */
export function stripeErrorCode(err: unknown): string {
  if (err instanceof Stripe.errors.StripeError) return err.code ?? err.type;
  return 'unknown';
}
