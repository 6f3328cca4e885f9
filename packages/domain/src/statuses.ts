/**
 * The closed value sets the platform stores: each is one `const` array, the union type derived
 * from it, and a CHECK constraint in the database that a drift test compares with the array.
 * Adding a value means adding it here and in a new migration that widens the constraint; the
 * order lifecycle (`ORDER_STATUSES`) lives in `order.ts` and follows the same rule.
 */

/** Where an order came from: the marketplace API, or a seller's CSV export (R-IN-3). */
export const ORDER_SOURCES = ['marketplace', 'csv'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/**
 * The steps of an order's timeline (R-DIAG-1). Each names something that happened, in the past
 * tense where it can; the tenant's portal and the diagnosis read them, so a kind is never renamed.
 */
export const ORDER_EVENT_KINDS = [
  /** Recorded on the platform (marketplace or CSV intake). */
  'received',
  /** The address checks (R-CHK-4) cleaned the address; the detail names fields, never values. */
  'address_cleaned',
  /** A check holds the order (R-CHK-*); the detail lists the holds. */
  'held',
  /** The tenant corrected the address of a held order. */
  'address_corrected',
  /** The checks passed again after a hold. */
  'hold_released',
  /** Routing decided (R-RT-1): chosen supplier, score parts, fallbacks, who was rejected and why. */
  'routed',
  /** Handed to a supplier (R-RT-2). */
  'dispatched',
  /** The supplier refused the dispatch outright (a non-retryable answer). */
  'dispatch_refused',
  /** The supplier acknowledged (R-SLA-2). */
  'acknowledged',
  /** The dispatch was taken back: rejected, timed out, not shipped, or the order cancelled. */
  'dispatch_withdrawn',
  /** Tracking is 2 hours overdue and the supplier was reminded (R-SLA-4). */
  'supplier_reminded',
  /** Still no tracking a day after the reminder: the order is re-routed (R-SLA-4). */
  'shipment_escalated',
  /** The partner API refused a tracking number while the supplier was on the line (R-TRK-1). */
  'tracking_refused',
  /** A tracking number was not pushed: our checks or the marketplace refused it (R-TRK-1). */
  'tracking_rejected',
  /** Tracking pushed to the marketplace (one package; a split order has several). */
  'tracking_pushed',
  /** A file-only shop's tracking waits in the bulk-shipping export (R-TRK-3). */
  'tracking_ready_for_export',
  /** The per-order fee was written to the ledger (R-BIL-1, R-BIL-3). */
  'charged',
  'completed',
  'cancelled',
  /** Every supplier candidate was tried; the order failed. */
  'no_supplier',
  /**
   * The carrier could not be asked whether it knows the number within the policy's grace, so
   * the number was pushed on its format alone (R-TRK-2); the detail says why.
   */
  'carrier_check_skipped',
  /** The carrier scanned the parcel for the first time (R-SLA-1). */
  'first_scan_recorded',
  /** No first scan within the policy's window after the push-back (R-SLA-1); tenant alerted. */
  'first_scan_missing',
  /** The platform bought the order's TikTok Shipping label (R-CHK-3); the supplier prints it. */
  'label_purchased',
] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

/** A dispatch of an order to one supplier, attempt by attempt. */
export const DISPATCH_STATUSES = [
  'sent',
  'acknowledged',
  'rejected',
  'shipped',
  'withdrawn',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/**
 * Where a dispatch's units are at its supplier (R-RT-1): held from the dispatch on, then
 * released (withdrawn, rejected) or consumed (shipped).
 */
export const DISPATCH_STOCK_STATES = ['held', 'released', 'consumed'] as const;
export type DispatchStockState = (typeof DISPATCH_STOCK_STATES)[number];

/** A shop's marketplace authorization (R-ONB-1, R-ONB-2). */
export const SHOP_STATUSES = ['active', 'needs_reauth', 'deauthorized'] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];

/** `api`: bound by OAuth; `csv`: orders by file import, tracking by file export (R-IN-3). */
export const SHOP_MODES = ['api', 'csv'] as const;
export type ShopMode = (typeof SHOP_MODES)[number];

/** What the platform tells its operators about (issue 10 item 4); one alert per dedupe key. */
export const OPERATOR_ALERT_KINDS = [
  /** A supplier's endpoint failed so long it was paused; routing skips it until resumed (R-RT-2). */
  'supplier_paused',
  /** Every supplier able to take an order was tried, or none could: the order failed. */
  'order_unfulfilled',
  /** The billing reconciliation found a charge missing, a total off, a close stuck or an unknown Stripe object. */
  'billing_discrepancy',
] as const;
export type OperatorAlertKind = (typeof OPERATOR_ALERT_KINDS)[number];

/** Who a portal session that is not a tenant's belongs to (issue 12: a separate role each). */
export const ACTOR_SESSION_KINDS = ['supplier', 'operator'] as const;
/** Who a one-time sign-in link signs in. */
export const SIGN_IN_LINK_KINDS = ['tenant', ...ACTOR_SESSION_KINDS] as const;

/** What the platform tells a tenant about; one notification per dedupe key. */
export const NOTIFICATION_KINDS = [
  /** The marketplace revoked the shop's authorization. */
  'shop_deauthorized',
  /** The marketplace says the authorization expires soon. */
  'authorization_expiring',
  /** Refreshing the shop's tokens failed; the tenant binds it again. */
  'shop_needs_reauth',
  /** Refused push-backs in a row, one short of a freeze (R-PEN-1). */
  'strike_warning',
  /** A supplier did not acknowledge within 30 minutes (R-SLA-2). */
  'supplier_no_ack',
  /** Tracking is 2 hours overdue (R-SLA-4). */
  'shipment_overdue',
  /** A supplier still had not shipped a day after the reminder (R-SLA-4). */
  'supplier_not_shipped',
  /** A pushed-back parcel has no first carrier scan 72 hours on (R-SLA-1). */
  'first_scan_missing',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A tenant's standing choice about a supplier of the network (R-RT-1). */
export const SUPPLIER_PREFERENCE_KINDS = ['pin', 'exclude'] as const;
export type SupplierPreferenceKind = (typeof SUPPLIER_PREFERENCE_KINDS)[number];

/**
 * What a ledger entry charges or credits: once per order (fee), shipment (markup), order and
 * breached promise (credit) or operator's key (adjustment) (R-BIL-3).
 */
export const LEDGER_KINDS = ['order_fee', 'logistics_markup', 'sla_credit', 'adjustment'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The promises to the tenant whose breach a fee plan may credit (R-SLA-5, R-SLA-1). */
export const CREDITED_SLAS = ['R-SLA-5', 'R-SLA-1'] as const;
export type CreditedSla = (typeof CREDITED_SLAS)[number];

/** How a fee plan credits a breached promise: not, a fixed amount, a share of the order fee. */
export const SLA_CREDIT_KINDS = ['none', 'amount', 'percent'] as const;
export type SlaCreditKind = (typeof SLA_CREDIT_KINDS)[number];

/**
 * What a carrier says about a tracking number (R-TRK-2, R-SLA-1): `unknown` is its "Invalid
 * Tracking Number"; anything else means the label exists.
 */
export const CARRIER_TRACKING_STATUSES = [
  'unknown',
  'label_created',
  'in_transit',
  'delivered',
  'exception',
] as const;
export type CarrierTrackingStatus = (typeof CARRIER_TRACKING_STATUSES)[number];
