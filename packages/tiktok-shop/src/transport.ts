import { mapError, TikTokShopError } from './errors.ts';
import { backoffDelayMs, type RetryOptions } from './retry.ts';
import { envelopeSchema } from './schemas.ts';
import { signRequest } from './sign.ts';

/** One HTTP attempt, reported for the API call log (R-DIAG-1). Never contains bodies or PII. */
export interface CallRecord {
  endpoint: string;
  method: string;
  httpStatus: number | undefined;
  ttsCode: number | undefined;
  latencyMs: number;
  requestId: string | undefined;
  attempt: number;
  error?: { code: string; message: string } | undefined;
}

export interface TransportConfig {
  apiBaseUrl: string;
  authBaseUrl: string;
  appKey: string;
  appSecret: string;
  fetch: typeof globalThis.fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  retry: RetryOptions;
  timeoutMs: number;
  onCall?: ((rec: CallRecord) => void) | undefined;
}

export interface CallSpec {
  base: 'api' | 'auth';
  method: 'GET' | 'POST';
  path: string;
  /** Path template for logs, e.g. `/fulfillment/202309/orders/{order_id}/packages`. */
  endpoint: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  accessToken?: string;
  /** Set only for shop-scoped APIs; `/authorization/*` rejects it (reference §1). */
  shopCipher?: string | undefined;
  signed: boolean;
  /** Safe to repeat after a network failure (the request may have been processed). */
  idempotent: boolean;
}

function buildUrl(base: string, path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
  const qs = params.toString();
  return `${base.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

async function attemptOnce(cfg: TransportConfig, spec: CallSpec, bodyText: string | undefined) {
  const query: Record<string, string | undefined> = { ...spec.query };
  if (spec.signed) {
    query.app_key = cfg.appKey;
    // Fresh timestamp per attempt: after a long backoff the old one would fall outside the
    // gateway's [now-300s, now+30s] window (reference §2).
    query.timestamp = String(Math.floor(cfg.now() / 1000));
    if (spec.shopCipher !== undefined) query.shop_cipher = spec.shopCipher;
    query.sign = signRequest({ appSecret: cfg.appSecret, path: spec.path, query, body: bodyText });
  }
  // Required on every call, GETs included (reference §0); TikTok's own SDK always sends it.
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.accessToken !== undefined) headers['x-tts-access-token'] = spec.accessToken;
  const base = spec.base === 'api' ? cfg.apiBaseUrl : cfg.authBaseUrl;
  const res = await cfg.fetch(buildUrl(base, spec.path, query), {
    method: spec.method,
    headers,
    body: bodyText,
    signal: AbortSignal.timeout(cfg.timeoutMs),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined; // proxies answer HTML on 502/504; classify by HTTP status instead
  }
  const env = envelopeSchema.safeParse(json);
  const envelope = env.success ? env.data : undefined;
  if (!res.ok || !envelope || envelope.code !== 0) {
    throw mapError(
      res.status,
      envelope ?? (json as Record<string, unknown> | undefined),
      res.headers,
      cfg.now(),
    );
  }
  return { status: res.status, envelope };
}

function asNetworkError(err: unknown, idempotent: boolean): TikTokShopError {
  const timeout =
    err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
  return new TikTokShopError({
    code: 'TTS_NETWORK',
    message: `TTS_NETWORK: ${timeout ? 'request timed out' : String((err as Error)?.message ?? err)}`,
    retryable: idempotent,
    cause: err,
  });
}

/** Sends one logical call: signs, retries throttling and transient faults, returns `data`. */
export async function callTikTok(cfg: TransportConfig, spec: CallSpec): Promise<unknown> {
  // Serialized once: the signature covers these exact bytes and every retry resends them.
  const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  for (let attempt = 1; ; attempt++) {
    // Latency on the monotonic clock: the injected `now` may be a fake or jump in tests.
    const started = performance.now();
    let error: TikTokShopError;
    try {
      const { status, envelope } = await attemptOnce(cfg, spec, bodyText);
      cfg.onCall?.({
        endpoint: spec.endpoint,
        method: spec.method,
        httpStatus: status,
        ttsCode: envelope.code,
        latencyMs: Math.round(performance.now() - started),
        requestId: envelope.request_id,
        attempt,
      });
      return envelope.data;
    } catch (err) {
      error = err instanceof TikTokShopError ? err : asNetworkError(err, spec.idempotent);
    }
    cfg.onCall?.({
      endpoint: spec.endpoint,
      method: spec.method,
      httpStatus: error.httpStatus,
      ttsCode: error.ttsCode,
      latencyMs: Math.round(performance.now() - started),
      requestId: error.requestId,
      attempt,
      error: { code: error.code, message: error.message },
    });
    if (!error.retryable || attempt >= cfg.retry.maxAttempts) throw error;
    await cfg.sleep(backoffDelayMs(attempt, cfg.retry, cfg.random, error.retryAfterMs));
  }
}
