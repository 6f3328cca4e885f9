import { z } from 'zod';

/**
 * Field schemas of TikTok Shop notifications. Tolerant by design: TikTok adds fields and
 * varies types between API versions, so optional fields of an unexpected type read as absent,
 * and only what routing needs (which shop, which order, a printable time) can refuse a payload.
 * Messages read after the field's path ("data.order_id is missing").
 */

/** Thrown for payloads we cannot attribute to a shop and topic; answer 400 and let TikTok retry. */
export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
  readonly code = 'WEBHOOK_MALFORMED' as const;

  constructor(
    message: string,
    /** The offending field, when one is to blame (`data.expiration_time`). */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** The value, or a WebhookPayloadError naming the first field at fault (`data.update_time`). */
export function parseOrRefuse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  at?: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...(at ? [at] : []), ...(issue?.path.map(String) ?? [])].join('.');
  const message = issue?.message ?? 'is malformed';
  throw new WebhookPayloadError(path ? `${path} ${message}` : message, path || undefined);
}

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// IDs are 64-bit numbers that TikTok sends as strings; a sender that emits numbers would already
// have lost precision, but we still accept them rather than drop the event.
function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** An id or label that may be absent: anything else than a string or number reads as absent. */
export const optionalId = z.preprocess(str, z.string().optional());

/** An id the event cannot be routed without. */
export const requiredId = z.preprocess(str, z.string({ error: 'is missing' }));

/** TikTok's booleans arrive as true, "true" or 1. */
// `optional()` before the transform: zod refuses an absent key whose schema cannot be undefined.
export const flag = z
  .unknown()
  .optional()
  .transform((v) => v === true || v === 'true' || v === 1);

/** 9999-12-31T23:59:59Z: the last second both JavaScript dates and PostgreSQL print as ISO. */
const MAX_UNIX_SECONDS = 253_402_300_799;
const NOT_A_TIME = 'is not a Unix time in range';

/**
 * A Unix-seconds field. Absent is 0 (older payloads omit some); present, it must be a time a
 * calendar can print, or the payload is refused here instead of failing later in routing
 * (`Invalid time value`) on every retry.
 */
export const unixSeconds = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? 0 : typeof v === 'string' ? Number(v) : v),
  z.number({ error: NOT_A_TIME }).min(0, NOT_A_TIME).max(MAX_UNIX_SECONDS, NOT_A_TIME),
);

// Stored in an `int` column; topic ids are small positive numbers.
const INT32_MAX = 2 ** 31 - 1;
const NOT_A_TOPIC = 'is missing or not a whole number';

/** The topic number, which TikTok may send as a string. */
export const topicType = z.preprocess(
  (v) => (typeof v === 'string' ? Number(v) : v),
  z
    .number({ error: NOT_A_TOPIC })
    .refine(Number.isInteger, { error: NOT_A_TOPIC, abort: true })
    .refine((n) => n >= 0 && n <= INT32_MAX, 'is out of range'),
);

/** A list of objects; a list that is absent or not a list is empty, and non-objects drop out. */
export const objectList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v.filter(isObj) : []), z.array(item));

/** A list of ids; entries that are no id drop out. */
export const idList = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v.map(str).filter((x): x is string => !!x) : []));

/** A topic's `data`: a payload without an object there reads as an empty one. */
export const topicData = <T extends z.ZodType>(shape: T) =>
  z.preprocess((v) => (isObj(v) ? v : {}), shape);

// The doc lists `CANCEL` for the webhook and `CANCELLED` for the Order API (reference §3), and
// which one real payloads carry is unverified (§10); American `CANCELED` costs nothing to accept.
const CANCELLED = new Set(['CANCEL', 'CANCELED', 'CANCELLED']);

/** An order status in the Order API's spelling, whichever spelling the webhook used. */
export function normalizeOrderStatus(status: string): string {
  const s = status.trim().toUpperCase();
  return CANCELLED.has(s) ? 'CANCELLED' : s;
}

/** An order status, required, in the Order API's spelling. */
export const orderStatus = requiredId.transform(normalizeOrderStatus);
