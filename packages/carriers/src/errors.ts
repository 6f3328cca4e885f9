/**
 * Stable codes, so a caller decides without parsing messages. `CARRIER_RATE_LIMITED` and
 * `CARRIER_UNAVAILABLE` (5xx, timeout, unreachable) pass: the same call later may work.
 * `CARRIER_AUTH_FAILED` (our key) and `CARRIER_REQUEST_INVALID` (a request the service will
 * never take) do not. A number the carrier does not know is not an error: it is status
 * `unknown`.
 */
export type CarrierTrackingErrorCode =
  | 'CARRIER_RATE_LIMITED'
  | 'CARRIER_UNAVAILABLE'
  | 'CARRIER_AUTH_FAILED'
  | 'CARRIER_REQUEST_INVALID';

export interface CarrierTrackingErrorInit {
  code: CarrierTrackingErrorCode;
  message: string;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  latencyMs?: number | undefined;
  cause?: unknown;
}

/** Thrown when the tracking service gave no answer about the number. */
export class CarrierTrackingError extends Error {
  override readonly name = 'CarrierTrackingError';
  readonly code: CarrierTrackingErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly latencyMs: number | undefined;

  constructor(init: CarrierTrackingErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.code === 'CARRIER_RATE_LIMITED' || init.code === 'CARRIER_UNAVAILABLE';
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.latencyMs = init.latencyMs;
  }
}

/** Maps a non-2xx answer to a code; 404 is handled by the caller as status `unknown`. */
export function classifyCarrierStatus(status: number): CarrierTrackingErrorCode {
  if (status === 429) return 'CARRIER_RATE_LIMITED';
  if (status === 401 || status === 403) return 'CARRIER_AUTH_FAILED';
  if (status >= 400 && status < 500 && status !== 408) return 'CARRIER_REQUEST_INVALID';
  return 'CARRIER_UNAVAILABLE';
}

/** `Retry-After` (delta-seconds or HTTP-date) in milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
