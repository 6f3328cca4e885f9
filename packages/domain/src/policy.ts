import type { TrackingStatus } from './carriers/tracking.ts';
import type { RoutingMode } from './routing-mode.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The clocks and thresholds an order is held to. Plain JSON (milliseconds, lists), so it can be
 * stored per tenant and per supplier and travel in a workflow's input: a running order keeps
 * the policy it started with, and its history replays the same whatever changes later.
 */
export interface FulfillmentPolicy {
  /** R-SLA-2: a supplier acknowledges a dispatch within this, or the order moves on. */
  ackWindowMs: number;
  /** R-SLA-1: shipment is due this long after the order when the marketplace names no deadline. */
  shipWindowMs: number;
  /** R-SLA-4: the supplier is reminded when tracking is this late. */
  reminderAfterDueMs: number;
  /** After the reminder, how long the supplier still has before the order is escalated and re-routed. */
  escalateAfterReminderMs: number;
  /**
   * An order the marketplace has not released is re-checked this often even when no
   * notification says it was: TikTok's ON_HOLD window is about an hour, and webhooks can be
   * lost (R-IN-2).
   */
  marketplaceRecheckMs: number;
  /**
   * R-PEN-1: after this many refused push-backs in a row the tenant is warned and numbers that
   * cannot be verified offline are held. The marketplace freezes the shop at three.
   */
  strikeGuard: number;
  /** R-TRK-1: verdicts on a tracking number that are refused without asking the marketplace. */
  refusedVerdicts: readonly TrackingStatus[];
  /**
   * R-TRK-2: how long a push-back waits for an unreachable carrier-tracking service (retrying)
   * before it pushes on the format check alone, with a note. Short of R-SLA-3's 30 minutes, so
   * an outage does not make the marketplace count the order unshipped. Orders started before
   * this existed carry none: {@link carrierCheckGraceOf}.
   */
  carrierCheckGraceMs: number;
  /** R-SLA-1: the first carrier scan is due this long after the push-back. */
  firstScanWindowMs: number;
  /**
   * R-RT-1: how suppliers are chosen; absent, `ranked` (score order with fallbacks). Orders held
   * by a check are ranked when released whatever this says.
   */
  routingMode?: RoutingMode;
  /**
   * R-CHK-3: an order held because TikTok Shipping offers no service (`LABEL_NO_SERVICE`) is
   * re-checked by itself after each of these delays in turn, then waits for the tenant. Bounded,
   * and well inside R-SLA-1's 48 hours; absent: {@link labelRecheckScheduleOf}.
   */
  labelRecheckMs?: readonly number[];
  /**
   * Compressed-time simulations only (`test/bench`): simulated ms per real ms. The order's own
   * waits that stand for time and are not clocks above (its activities' retry backoff) are
   * divided by it, as the simulation divides every clock. Absent everywhere else: the
   * platform's waits stay as they are.
   */
  simulatedTimeScale?: number;
}

/** The platform's schedule of label re-checks: about 10 hours in all. */
export const DEFAULT_LABEL_RECHECK_MS: readonly number[] = Object.freeze([
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
]);

/** The label re-check schedule of a policy; one without (older inputs) gets the default. */
export function labelRecheckScheduleOf(policy: Partial<FulfillmentPolicy>): readonly number[] {
  return policy.labelRecheckMs ?? DEFAULT_LABEL_RECHECK_MS;
}

/**
 * R-SLA-5: the platform's own promise to a tenant, a shipping response (order received to
 * tracking handed back) within 4.5 hours on average, the certified providers' figure.
 */
export const PLATFORM_SHIPPING_RESPONSE_MS = 4.5 * HOUR;

/** The platform's policy where a tenant or supplier sets nothing else. */
export const DEFAULT_FULFILLMENT_POLICY: Readonly<FulfillmentPolicy> = Object.freeze({
  ackWindowMs: 30 * MINUTE,
  shipWindowMs: 48 * HOUR,
  reminderAfterDueMs: 2 * HOUR,
  escalateAfterReminderMs: DAY,
  marketplaceRecheckMs: 5 * MINUTE,
  strikeGuard: 2,
  refusedVerdicts: Object.freeze([
    'invalid_check_digit',
    'invalid_format',
    'carrier_mismatch',
  ] as const),
  carrierCheckGraceMs: 15 * MINUTE,
  firstScanWindowMs: 72 * HOUR,
});

/**
 * The carrier-check grace of a policy; a policy stored before the field existed (a running
 * order's input) gets the default.
 */
export function carrierCheckGraceOf(policy: Partial<FulfillmentPolicy>): number {
  return policy.carrierCheckGraceMs ?? DEFAULT_FULFILLMENT_POLICY.carrierCheckGraceMs;
}

/** What a tenant may set for its orders. */
export type TenantPolicy = Partial<FulfillmentPolicy>;

const SUPPLIER_KEYS = ['ackWindowMs', 'reminderAfterDueMs', 'escalateAfterReminderMs'] as const;
/** What a supplier's contract may set: the clocks it is held to. */
export type SupplierPolicy = Partial<Pick<FulfillmentPolicy, (typeof SUPPLIER_KEYS)[number]>>;

/** The entries of a stored override that are set (a stored `null` or absent key keeps the default). */
function setEntries(override: object, keys?: readonly string[]) {
  return Object.fromEntries(
    Object.entries(override).filter(
      ([k, v]) => v !== undefined && v !== null && (!keys || keys.includes(k)),
    ),
  );
}

/**
 * The policy an order is held to: the platform's defaults, then the tenant's settings, then
 * the supplier's contract, which can only set its own clocks.
 * @example resolvePolicy({ supplier: { ackWindowMs: 60 * 60 * 1000 } }).ackWindowMs // 3600000
 */
export function resolvePolicy(
  layers: { tenant?: TenantPolicy | null; supplier?: SupplierPolicy | null } = {},
  base: Readonly<FulfillmentPolicy> = DEFAULT_FULFILLMENT_POLICY,
): FulfillmentPolicy {
  return {
    ...base,
    ...setEntries(layers.tenant ?? {}),
    ...setEntries(layers.supplier ?? {}, SUPPLIER_KEYS),
  };
}

/**
 * The clocks a supplier's stored contract sets, and only those; undefined when it sets none.
 * A dispatch hands them to its order's workflow, which holds that supplier to them.
 * @example supplierClocks({ ackWindowMs: 3600000, strikeGuard: 9 }) // { ackWindowMs: 3600000 }
 */
export function supplierClocks(
  stored: SupplierPolicy | null | undefined,
): SupplierPolicy | undefined {
  const set = setEntries(stored ?? {}, SUPPLIER_KEYS) as SupplierPolicy;
  return Object.keys(set).length > 0 ? set : undefined;
}

/** R-TRK-1: whether a tracking number with this verdict is refused outright. */
export function refusesTrackingVerdict(
  status: TrackingStatus,
  policy: Pick<FulfillmentPolicy, 'refusedVerdicts'> = DEFAULT_FULFILLMENT_POLICY,
): boolean {
  return policy.refusedVerdicts.includes(status);
}

const UNITS = [
  ['day', 'a day', DAY],
  ['hour', 'an hour', HOUR],
  ['minute', 'a minute', MINUTE],
] as const;

/**
 * A policy's duration as messages to tenants and suppliers say it.
 * @example describeDuration(30 * 60 * 1000) // '30 minutes'
 * @example describeDuration(24 * 60 * 60 * 1000) // 'a day'
 */
export function describeDuration(ms: number): string {
  for (const [unit, one, size] of UNITS) {
    if (ms < size || ms % size !== 0) continue;
    return ms === size ? one : `${ms / size} ${unit}s`;
  }
  return `${Math.round(ms / 1000)} seconds`;
}
