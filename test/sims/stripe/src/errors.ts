/** Stripe's error types, as the `type` field of `{ error: { … } }`. */
export type StripeErrorType =
  | 'api_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error';

/**
 * An error answered in Stripe's shape `{ error: { type, code, message, param } }`. `saved`
 * says whether an idempotent request keeps it as its result: Stripe saves the outcome of a
 * request that started executing, not one refused while its parameters were validated.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 402 | 404 | 409 | 413 | 500 | 503,
    readonly type: StripeErrorType,
    message: string,
    readonly extra: { code?: string; param?: string; decline_code?: string } = {},
    readonly saved = true,
  ) {
    super(message);
  }

  body() {
    return { error: { type: this.type, message: this.message, ...this.extra } };
  }
}

export const missingResource = (kind: string, id: string, param = 'id') =>
  new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    param,
  });

export const invalidRequest = (message: string, code?: string, param?: string) =>
  new StripeApiError(400, 'invalid_request_error', message, {
    ...(code ? { code } : {}),
    ...(param ? { param } : {}),
  });
