/** Stable error codes of this client; callers branch on these, never on TikTok's numeric codes. */
export type TikTokShopErrorCode =
  | 'TTS_TOKEN_EXPIRED'
  /** TikTok no longer accepts the access (or refresh) token: revoked, unknown or malformed. */
  | 'TTS_TOKEN_INVALID'
  | 'TTS_INVALID_SIGN'
  | 'TTS_MISSING_SCOPE'
  | 'TTS_SHOP_CIPHER_REQUIRED'
  | 'TTS_BAD_TOKEN_FOR_SHOP'
  | 'TTS_RATE_LIMITED'
  | 'TTS_INTERNAL'
  | 'TTS_TIMEOUT'
  | 'TTS_INVALID_AUTH_CODE'
  | 'TTS_BAD_REQUEST'
  | 'TTS_INVALID_TRACKING'
  | 'TTS_NETWORK'
  | 'TTS_UNKNOWN';

export interface TikTokShopErrorInit {
  code: TikTokShopErrorCode;
  message: string;
  ttsCode?: number | undefined;
  httpStatus?: number | undefined;
  retryable: boolean;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  cause?: unknown;
}

/** Every failure of the TikTok Shop client, already classified for retry decisions. */
export class TikTokShopError extends Error {
  override readonly name = 'TikTokShopError';
  readonly code: TikTokShopErrorCode;
  /** TikTok's numeric `code` from the envelope, when there was one. */
  readonly ttsCode: number | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: TikTokShopErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.ttsCode = init.ttsCode;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
  }
}

/** TikTok refused the access token: expired (105002), or no longer valid (36009004). */
export function isTokenRefused(err: unknown): err is TikTokShopError {
  return (
    err instanceof TikTokShopError &&
    (err.code === 'TTS_TOKEN_EXPIRED' || err.code === 'TTS_TOKEN_INVALID')
  );
}

// Numeric codes from reference §6 (common errors) and §5 (21011022 invalid tracking/provider).
const BY_TTS_CODE: Readonly<Record<number, TikTokShopErrorCode>> = {
  105002: 'TTS_TOKEN_EXPIRED',
  106001: 'TTS_INVALID_SIGN',
  105005: 'TTS_MISSING_SCOPE',
  106013: 'TTS_SHOP_CIPHER_REQUIRED',
  101000: 'TTS_BAD_TOKEN_FOR_SHOP',
  36009002: 'TTS_RATE_LIMITED',
  36009003: 'TTS_INTERNAL',
  36009007: 'TTS_TIMEOUT',
  36004004: 'TTS_INVALID_AUTH_CODE',
  36009022: 'TTS_BAD_REQUEST', // request format / content type
  36009023: 'TTS_BAD_REQUEST', // content type
  21011022: 'TTS_INVALID_TRACKING',
};

/**
 * 36009004 is TikTok's catch-all (reference §6): an invalid or revoked access token, a bad
 * app_key, a timestamp outside the window, a missing sign, an unexpected shop_cipher, told apart
 * only by the message. TikTok documents some of those messages ("Invalid timestamp", "Missing
 * credentials", "Unexpected identifier") but not its wording for a token it no longer accepts,
 * so any message that names the access or refresh token counts as one: case-insensitive,
 * anywhere in the text, with a space, underscore or hyphen or nothing in between
 * (`x-tts-access-token`). A `page_token` is not a credential.
 */
const CATCH_ALL = 36009004;
const TOKEN_MESSAGE = /\b(?:access|refresh)[\s_-]?token\b/i;

// Only throttling and transient server faults are worth repeating; 36009007 is a gateway
// timeout, which TikTok documents as transient too.
const RETRYABLE = new Set<TikTokShopErrorCode>(['TTS_RATE_LIMITED', 'TTS_INTERNAL', 'TTS_TIMEOUT']);

/** Shape of TikTok's response envelope; every field may be missing on proxies' error pages. */
export interface TtsEnvelopeLike {
  code?: unknown;
  message?: unknown;
  request_id?: unknown;
}

type HeaderBag = Headers | Readonly<Record<string, string | undefined>> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const hit = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return hit === undefined ? undefined : headers[hit];
}

/** Retry-After in seconds (RFC 9110 also allows an HTTP date, which we honour too). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, Math.round(secs * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function classify(
  httpStatus: number,
  ttsCode: number | undefined,
  message: string,
): TikTokShopErrorCode {
  if (ttsCode === CATCH_ALL)
    return TOKEN_MESSAGE.test(message) ? 'TTS_TOKEN_INVALID' : 'TTS_BAD_REQUEST';
  // TikTok's own code wins over the HTTP status: the gateway is known to answer 200 with an
  // error code, and 4xx with codes that need a specific reaction (expired token, bad cipher).
  const known = ttsCode === undefined ? undefined : BY_TTS_CODE[ttsCode];
  if (known) return known;
  if (httpStatus === 429) return 'TTS_RATE_LIMITED';
  if (httpStatus >= 500) return 'TTS_INTERNAL';
  if (httpStatus >= 400) return 'TTS_BAD_REQUEST';
  return 'TTS_UNKNOWN';
}

/**
 * Turns a non-success response (HTTP status and/or envelope code != 0) into a TikTokShopError.
 * @param nowMs clock for HTTP-date Retry-After values.
 */
export function mapError(
  httpStatus: number,
  envelope: TtsEnvelopeLike | undefined,
  headers?: HeaderBag,
  nowMs: number = Date.now(),
): TikTokShopError {
  const rawCode = envelope?.code;
  const ttsCode =
    typeof rawCode === 'number'
      ? rawCode
      : typeof rawCode === 'string' && /^\d+$/.test(rawCode)
        ? Number(rawCode)
        : undefined;
  const text = typeof envelope?.message === 'string' ? envelope.message : `HTTP ${httpStatus}`;
  const code = classify(httpStatus, ttsCode, text);
  const requestId = typeof envelope?.request_id === 'string' ? envelope.request_id : undefined;
  return new TikTokShopError({
    code,
    message: `${code}: ${text}${ttsCode === undefined ? '' : ` (tts ${ttsCode})`}`,
    ttsCode,
    httpStatus,
    retryable: RETRYABLE.has(code),
    retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), nowMs),
    requestId,
  });
}
