import { createHmac, timingSafeEqual } from 'node:crypto';

/** Input of {@link signRequest}. `body` is the exact string that will be sent, or undefined. */
export interface SignInput {
  appSecret: string;
  /** Request path only: no host, no query string. */
  path: string;
  query: Readonly<Record<string, string | undefined>>;
  body?: string | undefined;
  /** True for multipart uploads: their body is never part of the signature (reference §2 step 5). */
  multipart?: boolean;
}

// The gateway recomputes the signature without these two (reference §2 step 1); the access
// token travels in the `x-tts-access-token` header and is never signed.
const UNSIGNED_KEYS = new Set(['sign', 'access_token']);

/**
 * Builds the string TikTok signs: path + sorted key/value pairs + raw body, wrapped in the secret.
 * Exported so tests and the diagnostics page can show what was signed (never log it with a real secret).
 */
export function canonicalRequestString(input: SignInput): string {
  const keys = Object.keys(input.query)
    .filter((k) => !UNSIGNED_KEYS.has(k) && input.query[k] !== undefined)
    // Plain code-unit comparison: TikTok sorts keys "alphabetically", and keys are ASCII, so
    // this equals byte order. localeCompare would differ for `_` vs letters.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let s = input.path;
  for (const k of keys) s += k + input.query[k];
  // The body is appended byte for byte: re-serializing would change the signature whenever key
  // order or whitespace differs from what is actually sent.
  if (!input.multipart && input.body !== undefined && input.body.length > 0) s += input.body;
  return input.appSecret + s + input.appSecret;
}

/**
 * Signs an Open API request (reference §2): lowercase hex HMAC-SHA256 keyed by the app secret.
 * @example signRequest({ appSecret, path: '/authorization/202309/shops', query: { app_key, timestamp } })
 */
export function signRequest(input: SignInput): string {
  return createHmac('sha256', input.appSecret)
    .update(canonicalRequestString(input), 'utf8')
    .digest('hex');
}

/** Webhook signature (reference §3): HMAC-SHA256(app_secret, app_key + raw body), lowercase hex. */
export function signWebhook(
  appKey: string,
  appSecret: string,
  rawBody: string | Uint8Array,
): string {
  const h = createHmac('sha256', appSecret);
  h.update(appKey, 'utf8');
  h.update(rawBody);
  return h.digest('hex');
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Verifies the `Authorization` header of a webhook against the raw body bytes.
 * Constant-time on equal lengths; returns false (never throws) on a missing, odd-length or non-hex header.
 */
export function verifyWebhook(input: {
  appKey: string;
  appSecret: string;
  rawBody: string | Uint8Array;
  signature: string | null | undefined;
}): boolean {
  const sig = input.signature?.trim();
  if (!sig || sig.length % 2 !== 0 || !HEX.test(sig)) return false;
  const expected = Buffer.from(signWebhook(input.appKey, input.appSecret, input.rawBody), 'hex');
  const given = Buffer.from(sig, 'hex');
  // timingSafeEqual throws on length mismatch; a wrong length is simply a wrong signature.
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
