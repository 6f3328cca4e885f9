import { createHash } from 'node:crypto';

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

interface Common {
  /** `tts_notification_id`, or a stable digest when TikTok omits it (older payloads do). */
  notificationId: string;
  shopId: string;
  /** Push time, unix seconds. */
  timestamp: number;
}

/** Parsed webhook, one variant per topic we act on (reference §3 type numbers). */
export type TtsWebhookEvent =
  | (Common & {
      kind: 'order_status';
      orderId: string;
      /** Order API spelling: the webhook's `CANCEL` is normalized to `CANCELLED`. */
      status: string;
      /**
       * `is_on_hold_order`: the order has been or will be through ON_HOLD, whatever its status
       * now (TikTok sends `true` with UNPAID and on cancelled orders, reference §3). It never
       * says the order is on hold: decide by `status`.
       */
      onHoldOrder: boolean;
      updateTime: number;
    })
  | (Common & { kind: 'address_update'; orderId: string; updateTime: number })
  | (Common & {
      kind: 'package_update';
      scType: string | undefined;
      roleType: string | undefined;
      packages: Array<{ packageId: string; orderIds: string[] }>;
      updateTime: number;
    })
  | (Common & { kind: 'deauthorization'; message: string })
  | (Common & { kind: 'authorization_expiring'; message: string; expirationTime: number })
  | (Common & {
      kind: 'cancellation';
      orderId: string;
      cancelStatus: string;
      cancelId: string | undefined;
      cancellationsRole: string | undefined;
      createTime: number;
    })
  | (Common & { kind: 'ignored'; type: number });

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// IDs are 64-bit numbers that TikTok sends as strings; a sender that emits numbers would already
// have lost precision, but we still accept them rather than drop the event.
function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** 9999-12-31T23:59:59Z: the last second both JavaScript dates and PostgreSQL print as ISO. */
const MAX_UNIX_SECONDS = 253_402_300_799;
const INT32_MAX = 2 ** 31 - 1;

/**
 * A Unix-seconds field. Absent is 0 (older payloads omit some); present, it must be a time a
 * calendar can print, or the payload is refused here instead of failing later in routing
 * (`Invalid time value`) on every retry.
 */
function seconds(v: unknown, path: string): number {
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_UNIX_SECONDS)
    throw new WebhookPayloadError(`${path} is not a Unix time in range`, path);
  return n;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === 1;
}

// The doc lists `CANCEL` for the webhook and `CANCELLED` for the Order API (reference §3), and
// which one real payloads carry is unverified (§10); American `CANCELED` costs nothing to accept.
const CANCELLED = new Set(['CANCEL', 'CANCELED', 'CANCELLED']);

/** An order status in the Order API's spelling, whichever spelling the webhook used. */
export function normalizeOrderStatus(status: string): string {
  const s = status.trim().toUpperCase();
  return CANCELLED.has(s) ? 'CANCELLED' : s;
}

function derivedId(parts: Array<string | number | undefined>): string {
  const digest = createHash('sha256')
    .update(parts.map((p) => p ?? '').join('|'))
    .digest('hex');
  return `derived-${digest.slice(0, 32)}`;
}

/**
 * Tolerant webhook parser. Verify the signature on the raw body first (verifyWebhook), then parse.
 * R-IN-1: the notification id is the dedupe key, so it must be stable across TikTok's retries.
 */
export function parseWebhook(rawBody: string): TtsWebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookPayloadError('webhook body is not JSON');
  }
  if (!isObj(json)) throw new WebhookPayloadError('webhook body is not an object');
  const type = typeof json.type === 'string' ? Number(json.type) : json.type;
  if (typeof type !== 'number' || !Number.isInteger(type)) {
    throw new WebhookPayloadError('webhook type missing');
  }
  // Stored in an `int` column; topic ids are small positive numbers.
  if (type < 0 || type > INT32_MAX)
    throw new WebhookPayloadError('webhook type out of range', 'type');
  const shopId = str(json.shop_id);
  if (!shopId) throw new WebhookPayloadError('webhook shop_id missing');
  const data: Obj = isObj(json.data) ? json.data : {};
  const timestamp = seconds(json.timestamp, 'timestamp');
  const given = str(json.tts_notification_id);
  const common = (...key: Array<string | number | undefined>): Common => ({
    notificationId: given ?? derivedId([type, shopId, ...key]),
    shopId,
    timestamp,
  });

  switch (type) {
    case 1: {
      const orderId = str(data.order_id);
      const rawStatus = str(data.order_status);
      if (!orderId || !rawStatus) throw new WebhookPayloadError('order status event without order');
      const status = normalizeOrderStatus(rawStatus);
      const updateTime = seconds(data.update_time, 'data.update_time');
      return {
        kind: 'order_status',
        ...common(orderId, status, updateTime),
        orderId,
        status,
        onHoldOrder: bool(data.is_on_hold_order),
        updateTime,
      };
    }
    case 3: {
      const orderId = str(data.order_id);
      if (!orderId) throw new WebhookPayloadError('address event without order_id');
      const updateTime = seconds(data.update_time, 'data.update_time');
      return { kind: 'address_update', ...common(orderId, updateTime), orderId, updateTime };
    }
    case 4: {
      const list = Array.isArray(data.package_list) ? data.package_list.filter(isObj) : [];
      const packages = list.map((p) => ({
        packageId: str(p.package_id) ?? '',
        orderIds: Array.isArray(p.order_id_list)
          ? p.order_id_list.map(str).filter((x): x is string => !!x)
          : [],
      }));
      const updateTime = seconds(data.update_time, 'data.update_time');
      const scType = str(data.sc_type);
      return {
        kind: 'package_update',
        ...common(scType, packages.map((p) => p.packageId).join(','), updateTime),
        scType,
        roleType: str(data.role_type),
        packages,
        updateTime,
      };
    }
    case 6:
      return { kind: 'deauthorization', ...common(timestamp), message: str(data.message) ?? '' };
    case 7: {
      const expirationTime = seconds(data.expiration_time, 'data.expiration_time');
      return {
        kind: 'authorization_expiring',
        ...common(expirationTime, timestamp),
        message: str(data.message) ?? '',
        expirationTime,
      };
    }
    case 11: {
      const orderId = str(data.order_id);
      if (!orderId) throw new WebhookPayloadError('cancellation event without order_id');
      const cancelStatus = str(data.cancel_status) ?? 'UNKNOWN';
      const createTime = seconds(data.create_time, 'data.create_time');
      return {
        kind: 'cancellation',
        ...common(orderId, cancelStatus, str(data.cancel_id), createTime),
        orderId,
        cancelStatus,
        cancelId: str(data.cancel_id),
        cancellationsRole: str(data.cancellations_role),
        createTime,
      };
    }
    default:
      return { kind: 'ignored', ...common(timestamp), type };
  }
}
