/**
 * Stable codes so the calling activity can decide retry vs. give up without parsing
 * messages: `SUPPLIER_UNAVAILABLE` is retried on the Standard Webhooks schedule, the others
 * become non-retryable failures (the order is re-routed or escalated instead).
 */
export type SupplierDispatchErrorCode =
  | 'SUPPLIER_REJECTED_4XX'
  | 'SUPPLIER_UNAVAILABLE'
  | 'DISPATCH_INPUT_INVALID';

export interface SupplierDispatchErrorInit {
  code: SupplierDispatchErrorCode;
  message: string;
  status?: number;
  retryAfterMs?: number;
  latencyMs?: number;
  /** The first bytes of the supplier's reply, kept for the call log (R-DIAG-1). */
  responseSnippet?: string;
  cause?: unknown;
}

/** Thrown by a connector when one dispatch attempt did not succeed. */
export class SupplierDispatchError extends Error {
  override readonly name = 'SupplierDispatchError';
  readonly code: SupplierDispatchErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly latencyMs: number | undefined;
  readonly responseSnippet: string | undefined;

  constructor(init: SupplierDispatchErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.code === 'SUPPLIER_UNAVAILABLE';
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.latencyMs = init.latencyMs;
    this.responseSnippet = init.responseSnippet;
  }
}

/**
 * Statuses a retry cannot fix: the request itself is wrong (400/422), our credentials are
 * (401/403), or the endpoint is gone (404/410). Everything else that is not 2xx is treated
 * as a transient outage and retried, as Standard Webhooks senders do.
 */
const REJECTED_STATUSES = new Set([400, 401, 403, 404, 410, 422]);

export function classifyStatus(status: number): SupplierDispatchErrorCode | null {
  if (status >= 200 && status < 300) return null;
  return REJECTED_STATUSES.has(status) ? 'SUPPLIER_REJECTED_4XX' : 'SUPPLIER_UNAVAILABLE';
}

/** Parses `Retry-After` (delta-seconds or HTTP-date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
