import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing for outbound supplier
 * webhooks. The signed content is `${id}.${timestamp}.${body}`, so a receiver can reject
 * replays (timestamp window) and dedupe retries (id) without trusting anything unsigned.
 */

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Standard Webhooks recommends ±5 minutes: wide enough for clock skew, short for replays. */
export const DEFAULT_TOLERANCE_SEC = 300;

/** A fresh `whsec_<base64>` secret with 32 random bytes (the spec asks for 24–64). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Decodes `whsec_<base64>` into the HMAC key bytes; throws on any other shape. */
export function decodeWebhookSecret(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  if (!BASE64.test(encoded)) {
    throw new TypeError('webhook secret must look like whsec_<base64>');
  }
  return Buffer.from(encoded, 'base64');
}

function hmacBase64(key: Buffer, id: string, timestamp: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export interface SignInput {
  /** One secret, or several while a key is being rotated (each yields one signature). */
  secret: string | readonly string[];
  /** The `webhook-id`; stays the same across retries of one message. */
  id: string;
  /** Unix time in seconds, sent as `webhook-timestamp`. */
  timestamp: number;
  /** The exact bytes sent as the request body. */
  body: string;
}

/**
 * Returns the `webhook-signature` header value: `v1,<base64 HMAC-SHA256>`, space-separated
 * when several secrets are given.
 *
 * @example
 * signSupplierWebhook({ secret, id: 'd_1', timestamp: 1764000000, body: '{}' });
 */
export function signSupplierWebhook(input: SignInput): string {
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) {
    throw new TypeError('webhook timestamp must be a non-negative integer of seconds');
  }
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  return secrets
    .map((s) => `v1,${hmacBase64(decodeWebhookSecret(s), input.id, input.timestamp, input.body)}`)
    .join(' ');
}

/** Fetch `Headers` or Node's `IncomingHttpHeaders`-like record. */
export type HeaderSource = Headers | Record<string, string | readonly string[] | undefined>;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : value?.[0];
}

export type WebhookVerifyFailure =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature';

export type WebhookVerifyResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: WebhookVerifyFailure };

export interface VerifyInput {
  secret: string;
  headers: HeaderSource;
  /** The raw request body, exactly as received (never re-serialized JSON). */
  body: string;
  /** Current time in milliseconds; defaults to `Date.now()`. */
  now?: number;
  toleranceSec?: number;
}

/**
 * Verifies a Standard Webhooks request. Accepts any one matching `v1` signature among the
 * space-separated list (key rotation), compares in constant time and rejects timestamps
 * outside ±`toleranceSec`. Returns a reason instead of throwing so edges can map it to 401.
 */
export function verifySupplierWebhook(input: VerifyInput): WebhookVerifyResult {
  const id = readHeader(input.headers, 'webhook-id');
  const rawTimestamp = readHeader(input.headers, 'webhook-timestamp');
  const signatures = readHeader(input.headers, 'webhook-signature');
  if (!id || !rawTimestamp || !signatures) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(rawTimestamp)) return { ok: false, reason: 'invalid_timestamp' };

  const timestamp = Number(rawTimestamp);
  const nowSec = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSec - timestamp) > (input.toleranceSec ?? DEFAULT_TOLERANCE_SEC)) {
    return { ok: false, reason: 'timestamp_out_of_tolerance' };
  }

  const key = decodeWebhookSecret(input.secret);
  const expected = Buffer.from(hmacBase64(key, id, timestamp, input.body), 'base64');
  for (const candidate of signatures.split(' ')) {
    const [version, encoded] = candidate.split(',', 2);
    if (version !== 'v1' || !encoded) continue;
    const actual = Buffer.from(encoded, 'base64');
    // Length is not secret (always 32 bytes for SHA-256); timingSafeEqual requires it equal.
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
      return { ok: true, id, timestamp };
    }
  }
  return { ok: false, reason: 'no_matching_signature' };
}
