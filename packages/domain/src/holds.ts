/**
 * A reason the order cannot go to a supplier yet: a stable code, the rule it enforces, a
 * message in English and Simplified Chinese (suppliers and many sellers read Chinese), and a
 * suggested fix.
 */
export interface Hold {
  code: string;
  rule: string;
  message: string;
  messageZh: string;
  fix: string;
}

/**
 * The one hold no tenant can fix: the marketplace has not released the order yet. The platform
 * re-checks it by itself, on the marketplace's notification, on reconciliation and on a timer.
 */
export const MARKETPLACE_ON_HOLD = 'MARKETPLACE_ON_HOLD';

/**
 * TikTok Shipping offers no service for the order's parcel right now (R-CHK-3): often a passing
 * state of the carriers' capacity, so the platform re-checks it by itself on a backoff schedule
 * (the policy's `labelRecheckMs`) before it leaves it to the tenant.
 */
export const LABEL_NO_SERVICE = 'LABEL_NO_SERVICE';
