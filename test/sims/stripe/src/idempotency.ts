import { StripeApiError } from './errors.ts';

interface Saved {
  request: string;
  params: string;
  status: number;
  body: unknown;
}

/**
 * Stripe's idempotency: per API key, a key first used for a request keeps that request's
 * outcome. The same key with the same parameters answers the saved outcome again (header
 * `Idempotent-Replayed: true`); with other parameters or another endpoint it is refused with
 * 400 `idempotency_error`; while the first is still running, 409.
 */
export function createIdempotencyStore() {
  const saved = new Map<string, Saved | 'running'>();
  return {
    /** The saved outcome to replay, or undefined when the request should run. */
    begin(scope: string, request: string, params: string): Saved | undefined {
      const got = saved.get(scope);
      if (got === undefined) {
        saved.set(scope, 'running');
        return undefined;
      }
      const key = scope.slice(scope.indexOf(' ') + 1);
      if (got === 'running')
        throw new StripeApiError(
          409,
          'idempotency_error',
          'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
          {},
          false,
        );
      if (got.request !== request || got.params !== params)
        throw new StripeApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          {},
          false,
        );
      return got;
    },
    finish(scope: string, outcome: Saved): void {
      saved.set(scope, outcome);
    },
    /** The request was refused before it ran: the key stays free. */
    forget(scope: string): void {
      saved.delete(scope);
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
