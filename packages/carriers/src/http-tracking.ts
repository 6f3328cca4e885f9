import { CARRIER_TRACKING_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { CarrierTrackingError, classifyCarrierStatus, parseRetryAfter } from './errors.ts';
import {
  type CarrierTracking,
  type CarrierTrackingQuery,
  type CarrierTrackingResult,
  type LookupOptions,
  MAX_BATCH,
} from './tracking.ts';

export interface HttpCarrierTrackingOptions {
  /** e.g. `https://api.tracking.example/` (the `/v1/…` paths are appended). */
  baseUrl: string;
  apiKey: string;
  /** One attempt's budget; a slow aggregator must not hold a push-back. Default 5 s. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

const trackingSchema = z.object({
  carrier: z.string(),
  tracking_number: z.string(),
  status: z.enum(CARRIER_TRACKING_STATUSES),
  first_scan_at: z.iso.datetime({ offset: true }).nullable(),
});
const oneSchema = z.object({ data: trackingSchema });
const manySchema = z.object({ data: z.array(trackingSchema) });

const toResult = (t: z.infer<typeof trackingSchema>): CarrierTrackingResult => ({
  carrier: t.carrier,
  trackingNumber: t.tracking_number,
  status: t.status,
  firstScanAt: t.first_scan_at === null ? null : new Date(t.first_scan_at),
});

/**
 * The carrier-tracking adapter over an aggregator-style JSON API (one key for every carrier):
 * `GET /v1/trackings/{carrier}/{number}` (404 `TRACKING_NOT_FOUND` = the carrier does not know
 * it) and `POST /v1/trackings/batch`, authenticated by `X-Api-Key`. Each call is one attempt
 * bounded by `timeoutMs`.
 *
 * @example
 * const carriers = createHttpCarrierTracking({ baseUrl, apiKey });
 * const { status } = await carriers.lookup('USPS', '9400111206206406260787');
 */
export function createHttpCarrierTracking(opts: HttpCarrierTrackingOptions): CarrierTracking {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;

  async function call<T>(
    path: string,
    init: { method: 'GET' | 'POST'; body?: unknown },
    parse: (json: unknown, status: number) => T,
    callOpts: LookupOptions = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = callOpts.signal ? AbortSignal.any([callOpts.signal, timeout]) : timeout;
    const started = now();
    let res: Response;
    let json: unknown;
    try {
      res = await doFetch(new URL(path, base), {
        method: init.method,
        headers: {
          accept: 'application/json',
          'x-api-key': opts.apiKey,
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        redirect: 'manual',
        signal,
      });
      json = await res.json().catch(() => undefined);
    } catch (error) {
      if (callOpts.signal?.aborted) throw callOpts.signal.reason;
      throw new CarrierTrackingError({
        code: 'CARRIER_UNAVAILABLE',
        message: timeout.aborted
          ? `tracking service did not answer within ${timeoutMs} ms`
          : `tracking service unreachable: ${error instanceof Error ? error.message : String(error)}`,
        latencyMs: now() - started,
        cause: error,
      });
    }
    const latencyMs = now() - started;
    if (res.status !== 200 && res.status !== 404) {
      throw new CarrierTrackingError({
        code: classifyCarrierStatus(res.status),
        message: `tracking service answered HTTP ${res.status}${errorCode(json)}`,
        status: res.status,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now()),
        latencyMs,
      });
    }
    try {
      return parse(json, res.status);
    } catch (cause) {
      // A 200 we cannot read is the service misbehaving, not an answer about the number.
      throw new CarrierTrackingError({
        code: 'CARRIER_UNAVAILABLE',
        message: `tracking service answered HTTP ${res.status} with an unexpected body`,
        status: res.status,
        latencyMs,
        cause,
      });
    }
  }

  return {
    lookup(carrier, trackingNumber, callOpts) {
      const path = `v1/trackings/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`;
      return call(
        path,
        { method: 'GET' },
        (json, status) => {
          if (status === 404) {
            if (errorCode(json) !== ' TRACKING_NOT_FOUND') throw new Error('404 without a code');
            return { carrier, trackingNumber, status: 'unknown' as const, firstScanAt: null };
          }
          return toResult(oneSchema.parse(json).data);
        },
        callOpts,
      );
    },

    async lookupMany(queries: readonly CarrierTrackingQuery[], callOpts) {
      if (queries.length === 0) return [];
      if (queries.length > MAX_BATCH)
        throw new CarrierTrackingError({
          code: 'CARRIER_REQUEST_INVALID',
          message: `at most ${MAX_BATCH} numbers per batch`,
        });
      const items = queries.map((q) => ({ carrier: q.carrier, tracking_number: q.trackingNumber }));
      return call(
        'v1/trackings/batch',
        { method: 'POST', body: { items } },
        (json, status) => {
          if (status === 404) throw new Error('batch answered 404');
          const data = manySchema.parse(json).data;
          if (data.length !== queries.length) throw new Error('batch answer of another length');
          return data.map(toResult);
        },
        callOpts,
      );
    },
  };
}

/** ` CODE` of an `{ error: { code } }` body, for messages; empty when there is none. */
function errorCode(json: unknown): string {
  const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? ` ${code.slice(0, 64)}` : '';
}
