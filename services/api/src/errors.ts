import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error a client can get, with one HTTP status and one tRPC code each. */
const CODES = {
  BAD_REQUEST: [400, 'BAD_REQUEST'],
  /** A list cursor that listing never handed out: start again from the first page. */
  CURSOR_INVALID: [400, 'BAD_REQUEST'],
  /** A string or key holds U+0000 or an unpaired surrogate, which PostgreSQL cannot store. */
  INPUT_INVALID_TEXT: [400, 'BAD_REQUEST'],
  /** An `Idempotency-Key` header that is not 1–255 printable ASCII characters. */
  IDEMPOTENCY_KEY_INVALID: [400, 'BAD_REQUEST'],
  /** The `Idempotency-Key` was first used for another request (method, path or body). */
  IDEMPOTENCY_KEY_REUSED: [409, 'CONFLICT'],
  /** The first request with this `Idempotency-Key` is still running: retry after Retry-After. */
  IDEMPOTENCY_KEY_IN_FLIGHT: [409, 'CONFLICT'],
  /** A listing's `limit` that is not a whole number in its range. */
  LIMIT_INVALID: [400, 'BAD_REQUEST'],
  /** A listing's `status` filter that names no status. */
  STATUS_INVALID: [400, 'BAD_REQUEST'],
  PAYLOAD_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  RATE_LIMITED: [429, 'TOO_MANY_REQUESTS'],
  BATCH_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  RESPONSE_TOO_LARGE: [400, 'BAD_REQUEST'],
  WEBHOOK_BAD_SIGNATURE: [401, 'UNAUTHORIZED'],
  WEBHOOK_MALFORMED: [400, 'BAD_REQUEST'],
  /** The notification's `timestamp` is outside the freshness window. */
  WEBHOOK_STALE: [400, 'BAD_REQUEST'],
  SHOP_UNKNOWN: [404, 'NOT_FOUND'],
  UNAUTHORIZED: [401, 'UNAUTHORIZED'],
  /** A change made with the portal's session cookie without the session's CSRF token. */
  CSRF_INVALID: [403, 'FORBIDDEN'],
  PARTNER_UNAUTHORIZED: [401, 'UNAUTHORIZED'],
  /** A sign-in link, partner key or operator token that signs no one in (unknown, used, expired). */
  SIGN_IN_INVALID: [401, 'UNAUTHORIZED'],
  /** A portal procedure of another role than the session's (tenant, supplier or operator). */
  FORBIDDEN_ROLE: [403, 'FORBIDDEN'],
  DISPATCH_NOT_FOUND: [404, 'NOT_FOUND'],
  DISPATCH_NOT_CURRENT: [409, 'CONFLICT'],
  DISPATCH_CLOSED: [409, 'CONFLICT'],
  /** Redelivery of a dispatch closed, not pushed, or without its order's buyer data. */
  DISPATCH_NOT_DELIVERABLE: [409, 'CONFLICT'],
  /** A supplier holds two live partner keys already: revoke one before issuing another. */
  PARTNER_KEYS_FULL: [409, 'CONFLICT'],
  /** The same answer file is being processed by another request: send it again shortly. */
  FILE_IN_PROGRESS: [409, 'CONFLICT'],
  /** A supplier's connector settings are incomplete or invalid. */
  CONNECTOR_INVALID: [400, 'BAD_REQUEST'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  /** A fee plan outside what any contract holds; `details` names each field and why. */
  PLAN_INVALID: [400, 'BAD_REQUEST'],
  /** A fee plan may not start in the past: lines already written keep their plan. */
  PLAN_RETROACTIVE: [400, 'BAD_REQUEST'],
  /** A plan already in effect starts at that time; schedule the new one later. */
  PLAN_IN_EFFECT: [409, 'CONFLICT'],
  /** An adjustment of zero, beyond the limit, or without a reason; `details` says which. */
  ADJUSTMENT_INVALID: [400, 'BAD_REQUEST'],
  OAUTH_STATE_INVALID: [400, 'BAD_REQUEST'],
  OAUTH_DENIED: [400, 'BAD_REQUEST'],
  OAUTH_CODE_INVALID: [400, 'BAD_REQUEST'],
  SHOP_BOUND_ELSEWHERE: [409, 'CONFLICT'],
  SHOP_ALREADY_EXISTS: [409, 'CONFLICT'],
  MARKETPLACE_UNAVAILABLE: [502, 'BAD_GATEWAY'],
  CSV_EMPTY: [422, 'UNPROCESSABLE_CONTENT'],
  CSV_NOT_TEXT: [422, 'UNPROCESSABLE_CONTENT'],
  CSV_COLUMNS_MISSING: [422, 'UNPROCESSABLE_CONTENT'],
  CSV_COLUMNS_DUPLICATE: [422, 'UNPROCESSABLE_CONTENT'],
  CSV_MALFORMED: [422, 'UNPROCESSABLE_CONTENT'],
  CSV_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  /** A portal file upload sent as something other than CSV text (a form, JSON). */
  UNSUPPORTED_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  SHOP_NOT_FOUND: [404, 'NOT_FOUND'],
  TRACKING_INVALID: [422, 'UNPROCESSABLE_CONTENT'],
  CARRIER_UNKNOWN: [422, 'UNPROCESSABLE_CONTENT'],
  TRACKING_NOT_LABEL: [422, 'UNPROCESSABLE_CONTENT'],
  TRACKING_REQUIRED: [422, 'UNPROCESSABLE_CONTENT'],
  LABEL_NOT_FOUND: [404, 'NOT_FOUND'],
  TRY_AGAIN_LATER: [503, 'SERVICE_UNAVAILABLE'],
  /** Stripe refused the request (a 4xx that will not change); as the billing service answers. */
  BILLING_STRIPE_REJECTED: [502, 'BAD_GATEWAY'],
  /** This deployment has no Stripe account configured: no payment method can be saved. */
  PAYMENT_METHODS_UNAVAILABLE: [503, 'SERVICE_UNAVAILABLE'],
  INTERNAL: [500, 'INTERNAL_SERVER_ERROR'],
} as const satisfies Record<string, readonly [ContentfulStatusCode, TRPC_ERROR_CODE_KEY]>;

export type AppErrorCode = keyof typeof CODES;

/** The one error type of the services; only the edges (Hono, tRPC) translate it. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): ContentfulStatusCode {
    return CODES[this.code][0];
  }

  get trpcCode(): TRPC_ERROR_CODE_KEY {
    return CODES[this.code][1];
  }

  /** Seconds a client should wait before trying again, for the refusals that have one. */
  get retryAfterS(): number | undefined {
    if (this.code === 'RATE_LIMITED') return (this.details as { retryAfterS: number }).retryAfterS;
    if (this.httpStatus === 503) return 5;
    if (this.code === 'IDEMPOTENCY_KEY_IN_FLIGHT') return 1;
    return undefined;
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}
