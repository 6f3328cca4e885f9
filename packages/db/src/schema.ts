import type {
  BillingFindingKind,
  CarrierTrackingStatus,
  CreditedSla,
  DispatchStatus,
  DispatchStockState,
  InvoiceStatus,
  LedgerKind,
  NotificationKind,
  OperatorAlertKind,
  OrderEventKind,
  OrderSource,
  OrderStatus,
  ShopMode,
  ShopStatus,
  SlaCreditKind,
  StripeCallStatus,
  SupplierConnectorKind,
  SupplierFileSource,
  SupplierFileStatus,
  SupplierPolicy,
  SupplierPreferenceKind,
} from '@switchyard/domain';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Every status and kind column is typed by its set in @switchyard/domain, so a literal outside
// the set fails to compile here and, by the CHECK constraint, to insert in the database.
export type {
  CarrierTrackingStatus,
  DispatchStatus,
  DispatchStockState,
  LedgerKind,
  NotificationKind,
  OrderEventKind,
  OrderSource,
  OrderStatus,
  ShopMode,
  ShopStatus,
  SupplierConnectorKind,
  SupplierFileSource,
  SupplierFileStatus,
};

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back from pg as strings; we keep money in integer minor units. */
type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TenantsTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface ShopsTable {
  id: Generated<string>;
  tenant_id: string;
  /** Only `tiktok` so far; left unchecked until a second marketplace gives it a set. */
  platform: Generated<string>;
  platform_shop_id: string;
  name: string;
  region: string;
  cipher: string;
  status: Generated<ShopStatus>;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  access_expires_at: Date | null;
  refresh_expires_at: Date | null;
  mode: Generated<ShopMode>;
  /** Carriers authorized for the shop (R-CHK-3), our registry codes. */
  carriers: Generated<string[]>;
  /** R-PEN-1: invalid push-backs in a row, and in total. */
  consecutive_strikes: Generated<number>;
  total_strikes: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface SuppliersTable {
  id: Generated<string>;
  code: string;
  name: string;
  endpoint_url: string;
  signing_secret_enc: string;
  countries: string[];
  carriers: string[];
  active: Generated<boolean>;
  /** R-RT-1 speed: the daily cut-off (minutes after local midnight) in this time zone. */
  time_zone: Generated<string>;
  cutoff_minute: Generated<number>;
  handling_days: Generated<number>;
  /** Dispatches taken per local day; null: no limit. */
  daily_capacity: number | null;
  /** R-SLA-2, R-SLA-4: the clocks its contract sets (supplierClocks); `{}` keeps the defaults. */
  sla_policy: ColumnType<SupplierPolicy, string | undefined, string>;
  /** R-RT-2: consecutive failed delivery attempts to its endpoint; reset by a delivery. */
  delivery_failures: Generated<number>;
  /** Set when its endpoint failed for long: routing skips it until an operator resumes it. */
  paused_at: Date | null;
  /** R-RT-2: pushed over HTTP, pulled, or batched as a file by e-mail or SFTP. */
  connector: Generated<SupplierConnectorKind>;
  created_at: Timestamp;
}

/** A file supplier's schedule and where its files go (R-RT-2); secrets encrypted. */
export interface SupplierFileSettingsTable {
  supplier_id: string;
  /** Local minutes after midnight, in the supplier's `time_zone`, sorted. */
  schedule_minutes: number[];
  email: string | null;
  sftp_host: string | null;
  sftp_port: number | null;
  sftp_user: string | null;
  sftp_upload_dir: string | null;
  sftp_outbox_dir: string | null;
  /** The SFTP server's host key, pinned: `SHA256:` + base64 of its digest. */
  sftp_host_key_sha256: string | null;
  sftp_password_enc: string | null;
  sftp_private_key_enc: string | null;
  /** The batch slot last handled; a slot is handled once. */
  last_slot_at: Date | null;
  updated_at: Timestamp;
}

/** One batch file of a supplier's dispatches for one slot. */
export interface SupplierFileBatchesTable {
  id: Generated<string>;
  supplier_id: string;
  slot_at: Date;
  file_name: string;
  dispatch_count: number;
  attempts: Generated<number>;
  last_error: string | null;
  /** When a sweep took it to send; another waits out the lease (a sender that died). */
  send_claimed_at: Date | null;
  sent_at: Date | null;
  created_at: Timestamp;
}

/** An answer file received from a supplier, once per content hash, with its report. */
export interface SupplierFilesTable {
  id: Generated<string>;
  supplier_id: string;
  sha256: string;
  source: SupplierFileSource;
  file_name: string;
  status: SupplierFileStatus;
  rows: Generated<number>;
  applied: Generated<number>;
  refused: Generated<number>;
  report: ColumnType<unknown, string | undefined, string>;
  claimed_at: Timestamp;
  created_at: Timestamp;
}

/** What a supplier stocks, at what unit cost (settlement currency minor units). */
export interface SupplierItemsTable {
  supplier_id: string;
  supplier_item_code: string;
  /** On hand, as the supplier last reported it (reserved units included). */
  stock: number;
  /** Units held by dispatches not yet shipped or given back (move_dispatch_stock). */
  reserved: Generated<number>;
  unit_cost_minor: BigIntColumn;
  updated_at: Timestamp;
  /** Grams a unit, from the supplier's feed; null: not reported (default parcel, R-CHK-3). */
  weight_grams: ColumnType<number | null, number | null | undefined, number | null>;
}

/** What one parcel to a destination by a channel costs the supplier. */
export interface SupplierRatesTable {
  supplier_id: string;
  country: string;
  carrier: string;
  parcel_cost_minor: BigIntColumn;
  updated_at: Timestamp;
}

/** Per supplier and its local day: capacity used and the scorecard's outcome counts. */
export interface SupplierDaysTable {
  supplier_id: string;
  day: ColumnType<Date, string, string>;
  dispatched: Generated<number>;
  acked_in_time: Generated<number>;
  shipped: Generated<number>;
  shipped_on_time: Generated<number>;
  valid_tracking: Generated<number>;
  /** Running totals of the counts up to and including `day`, kept by triggers (R-RT-1). */
  total_dispatched: Generated<string>;
  total_acked_in_time: Generated<string>;
  total_shipped: Generated<string>;
  total_shipped_on_time: Generated<string>;
  total_valid_tracking: Generated<string>;
}

/** A tenant's pin (in `position` order) or exclusion of a supplier (R-RT-1). */
export interface SupplierPreferencesTable {
  tenant_id: string;
  supplier_id: string;
  kind: SupplierPreferenceKind;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface OrderLine {
  skuId: string;
  sellerSku: string;
  name: string;
  quantity: number;
}

export interface OrdersTable {
  id: Generated<string>;
  tenant_id: string;
  shop_id: string;
  platform_order_id: string;
  workflow_id: string;
  status: OrderStatus;
  ship_country: string | null;
  currency: string | null;
  total_minor: BigIntColumn | null;
  lines: Json<OrderLine[]>;
  recipient_enc: string | null;
  ship_by: Date | null;
  supplier_id: string | null;
  tracking_number: string | null;
  carrier: string | null;
  source: Generated<OrderSource>;
  /** As received, before cleaning (R-CHK-4 keeps the original for audit). */
  recipient_original_enc: string | null;
  /** The tenant's correction, which wins over the marketplace's address. */
  recipient_override_enc: string | null;
  supplier_lines: ColumnType<SupplierLine[], string | undefined, string>;
  holds: ColumnType<unknown[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupplierLine {
  supplierItemCode: string;
  quantity: number;
  name?: string;
  /** The marketplace SKUs behind the item, for split shipments. */
  sources?: Array<{ skuId: string; quantity: number }>;
}

export interface SkuMappingsTable {
  id: Generated<string>;
  tenant_id: string;
  marketplace_sku_id: string;
  seller_sku: string | null;
  supplier_item_code: string;
  supplier_id: string | null;
  units_per_sku: Generated<number>;
  components: ColumnType<
    Array<{ supplierItemCode: string; quantity: number }> | null,
    string | null,
    string | null
  >;
  active: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CsvImportsTable {
  id: Generated<string>;
  tenant_id: string;
  shop_id: string;
  file_sha256: string;
  filename: string;
  rows: number;
  accepted: number;
  rejected: number;
  report: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface ImportedOrdersTable {
  tenant_id: string;
  shop_id: string;
  platform_order_id: string;
  import_id: string;
  data_enc: string;
  created_at: Timestamp;
}

export interface OrderEventsTable {
  id: Generated<string>;
  tenant_id: string;
  order_id: string;
  kind: OrderEventKind;
  dedupe_key: string;
  detail: Json<Record<string, unknown>>;
  at: Timestamp;
}

export interface DispatchesTable {
  id: string;
  tenant_id: string;
  order_id: string;
  supplier_id: string;
  workflow_id: string;
  attempt: number;
  status: Generated<DispatchStatus>;
  expected_ship_at: Date | null;
  tracking_number: string | null;
  carrier: string | null;
  created_at: Timestamp;
  acked_at: Date | null;
  shipped_at: Date | null;
  /** The batch file that carried it to a file supplier (R-RT-2); null until then. */
  file_batch_id: string | null;
  /** R-SLA-2: the acknowledgement deadline the supplier was given; null on older dispatches. */
  ack_due_at: Date | null;
  /** Where the dispatch's units are at its supplier (R-RT-1); null before a reservation. */
  stock: Generated<DispatchStockState | null>;
  /** R-RT-1 split: the line group it carries (index in the routing decision); null: all. */
  line_group: ColumnType<number | null, number | null | undefined, number | null>;
  /** The group's supplier lines; null: the order's `supplier_lines`. */
  lines: ColumnType<SupplierLine[] | null, string | null | undefined, string | null>;
}

/** A TikTok Shipping label the platform bought for an order (R-CHK-3); one per order. */
export interface OrderLabelsTable {
  tenant_id: string;
  order_id: string;
  package_id: string;
  tracking_number: string;
  /** Carrier registry code of the label (USPS, UPS, FEDEX), as the carrier tracks it. */
  carrier: string;
  /** The service bought on; null for a package found at the marketplace, not bought here. */
  service_id: string | null;
  service_name: string | null;
  price_minor: ColumnType<
    string | null,
    number | bigint | string | null,
    number | bigint | string | null
  >;
  currency: string | null;
  /** The label document, base64 then encrypted; null once buyer data is erased (R-ONB-3). */
  document_enc: string | null;
  document_type: string;
  created_at: Timestamp;
  /** When the marketplace took the package as handed over (Ship Package). */
  handed_over_at: Date | null;
  /** The line group the label is for (R-RT-1 split); null: the whole order. */
  line_group: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A pushed-back parcel watched for its first carrier scan (R-SLA-1). */
export interface ShipmentsTable {
  tenant_id: string;
  order_id: string;
  tracking_number: string;
  carrier: string;
  dispatch_id: string;
  supplier_id: string;
  shop_id: string;
  pushed_at: Timestamp;
  carrier_status: CarrierTrackingStatus | null;
  checked_at: Date | null;
  first_scan_at: Date | null;
  alerted_at: Date | null;
}

/** A tenant's Stripe customer, created once; `past_due_since` flags a tenant behind on payment. */
export interface BillingCustomersTable {
  tenant_id: string;
  stripe_customer_id: string;
  default_payment_method: string | null;
  past_due_since: Timestamp | null;
  created_at: Generated<Date>;
}

/** The Stripe invoice of one (tenant, period, currency) of a month close. */
export interface BillingInvoicesTable {
  id: Generated<string>;
  tenant_id: string;
  period: string;
  currency: string;
  stripe_invoice_id: string;
  status: Generated<InvoiceStatus>;
  ledger_total_minor: BigIntColumn;
  stripe_total_minor: BigIntColumn | null;
  hosted_invoice_url: string | null;
  invoice_pdf: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** What a close billed of an earlier, already invoiced period (a change dated in it). */
export interface BillingCarryoversTable {
  tenant_id: string;
  currency: string;
  /** The period of the invoice that bills it. */
  period: string;
  /** The closed period the change is dated in. */
  for_period: string;
  amount_minor: BigIntColumn;
  created_at: Generated<Date>;
}

/** One discrepancy the billing reconciliation found, open until a run no longer finds it. */
export interface BillingFindingsTable {
  id: Generated<string>;
  kind: BillingFindingKind;
  subject: string;
  tenant_id: string | null;
  detail: Json<Record<string, unknown>>;
  first_seen_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  opened_at: Generated<Date>;
  resolved_at: Date | null;
}

/** The outbox of Stripe calls: one row per idempotency key, written before the call. */
export interface StripeCallsTable {
  id: Generated<string>;
  tenant_id: string;
  idempotency_key: string;
  operation: string;
  request: ColumnType<unknown, string, string>;
  status: Generated<StripeCallStatus>;
  attempts: Generated<number>;
  stripe_object_id: string | null;
  error_code: string | null;
  created_at: Generated<Date>;
  completed_at: Timestamp | null;
}

/** The inbox of Stripe webhook events by id; ids and types only, the object is re-fetched. */
/** A supplier's shipment message as the api recorded it (R-SLA-3). */
export interface SupplierShipmentsTable {
  id: Generated<string>;
  tenant_id: string;
  order_id: string;
  dispatch_id: string;
  content_key: string;
  tracking_number: string;
  carrier: string;
  message: ColumnType<unknown, string, string>;
  received_at: Generated<Date>;
  woken_at: Generated<Date>;
  taken_at: Date | null;
}

export interface StripeEventsTable {
  event_id: string;
  type: string;
  object_id: string | null;
  created_at_stripe: BigIntColumn;
  received_at: Generated<Date>;
  processed_at: Timestamp | null;
}

/** One append-only line of a tenant's bill (R-BIL-1..3); never updated nor deleted. */
export interface LedgerEntriesTable {
  id: Generated<string>;
  tenant_id: string;
  /** Null only for an operator's adjustment that concerns no single order. */
  order_id: string | null;
  kind: LedgerKind;
  /** Signed minor units of `currency`: credits are negative. */
  amount_minor: BigIntColumn;
  currency: string;
  created_at: Timestamp;
  /** Unique per tenant: the line's idempotency key, `<kind>:<order|dispatch|order:sla|key>`. */
  entry_key: string;
  /** The tenant plan the line was computed with; null: the platform default plan. */
  plan_id: string | null;
  /** Basis, rate, rule and text that explain the amount (ChargeExplanation). */
  explanation: ColumnType<Record<string, unknown>, string | undefined, never>;
  dispatch_id: string | null;
  sla: CreditedSla | null;
  reason: string | null;
  operator_id: string | null;
}

/** A tenant's fee plan from `effective_from` on (R-BIL-1, R-SLA-5). */
export interface FeePlansTable {
  id: Generated<string>;
  tenant_id: string;
  effective_from: Timestamp;
  currency: string;
  order_fee_minor: BigIntColumn;
  markup_bp: number;
  sla_credit_kind: SlaCreditKind;
  sla_credit_value: BigIntColumn;
  charge_cancelled: boolean;
  /** The operator who set it. */
  set_by: string;
  created_at: Timestamp;
}

export interface WebhookInboxTable {
  id: Generated<string>;
  tenant_id: string;
  shop_id: string;
  notification_id: string;
  /** The marketplace's notification type, stored as it came, known to us or not. */
  type: number;
  payload: Json<unknown>;
  received_at: Timestamp;
  processed_at: Date | null;
  /** Failed routing attempts; the entry is parked after a bounded number. */
  attempts: Generated<number>;
  last_error: string | null;
  parked_at: Date | null;
  /** Not claimed before this time: set after a failed attempt (null: claimable now). */
  retry_at: Date | null;
}

export interface ApiCallsTable {
  id: Generated<string>;
  tenant_id: string;
  order_id: string | null;
  /** `tiktok`, or `supplier:<code>`: supplier codes are data, so there is no set to check. */
  target: string;
  endpoint: string;
  http_status: number | null;
  code: string | null;
  latency_ms: number;
  at: Timestamp;
}

export interface OauthStatesTable {
  state_hash: string;
  browser_hash: string;
  tenant_id: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  tenant_id: string;
  token_hash: string;
  expires_at: Date;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  tenant_id: string;
  shop_id: string | null;
  kind: NotificationKind;
  message: string;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Date | null;
}

/** Operators' bearer tokens (`sy_op_…`): no tenant, so outside row-level security. */
export interface OperatorTokensTable {
  id: Generated<string>;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Date | null;
}

/** A supplier's or an operator's portal session (never a tenant's: see `sessions`). */
export interface ActorSessionsTable {
  id: Generated<string>;
  kind: 'supplier' | 'operator';
  supplier_id: string | null;
  operator_token_id: string | null;
  token_hash: string;
  expires_at: Date;
  created_at: Timestamp;
  revoked_at: Date | null;
}

/** One-time portal sign-in links, by hash; each names one subject of its kind. */
export interface SignInLinksTable {
  token_hash: string;
  kind: 'tenant' | 'supplier' | 'operator';
  tenant_id: string | null;
  supplier_id: string | null;
  operator_token_id: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Timestamp;
}

/**
 * What the on-call must know of (issue 10 item 4): ids and codes, no buyer data, so outside
 * row-level security like operator tokens. The delivery columns drive the operator webhook.
 */
export interface OperatorAlertsTable {
  id: Generated<string>;
  kind: OperatorAlertKind;
  dedupe_key: string;
  supplier_id: string | null;
  tenant_id: string | null;
  order_id: string | null;
  message: string;
  detail: Json<Record<string, unknown>>;
  created_at: Timestamp;
  acked_at: Date | null;
  acked_by: string | null;
  delivery_attempts: Generated<number>;
  next_delivery_at: Date | null;
  delivered_at: Date | null;
  last_delivery_error: string | null;
}

/**
 * A supplier's partner keys (`sy_pk_…`), hashes only. Two may be live at once while the
 * supplier rotates: a key works until it is revoked or its `expires_at` (end of overlap).
 */
export interface PartnerKeysTable {
  id: Generated<string>;
  supplier_id: string;
  prefix: string;
  key_hash: string;
  created_at: Timestamp;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/**
 * The first answer to a supplier's `Idempotency-Key`: `status` null while that request runs.
 * `fingerprint` is a hash of method, path and body, to tell a retry from a reused key.
 */
export interface IdempotencyKeysTable {
  supplier_id: string;
  key: string;
  fingerprint: string;
  status: number | null;
  response: string | null;
  claimed_at: Timestamp;
  created_at: Timestamp;
}

export interface Database {
  partner_keys: PartnerKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  sku_mappings: SkuMappingsTable;
  csv_imports: CsvImportsTable;
  imported_orders: ImportedOrdersTable;
  oauth_states: OauthStatesTable;
  sessions: SessionsTable;
  notifications: NotificationsTable;
  tenants: TenantsTable;
  shops: ShopsTable;
  api_tokens: ApiTokensTable;
  suppliers: SuppliersTable;
  supplier_items: SupplierItemsTable;
  supplier_rates: SupplierRatesTable;
  supplier_days: SupplierDaysTable;
  supplier_preferences: SupplierPreferencesTable;
  supplier_file_settings: SupplierFileSettingsTable;
  supplier_file_batches: SupplierFileBatchesTable;
  supplier_files: SupplierFilesTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  dispatches: DispatchesTable;
  shipments: ShipmentsTable;
  supplier_shipments: SupplierShipmentsTable;
  order_labels: OrderLabelsTable;
  ledger_entries: LedgerEntriesTable;
  fee_plans: FeePlansTable;
  webhook_inbox: WebhookInboxTable;
  api_calls: ApiCallsTable;
  operator_tokens: OperatorTokensTable;
  actor_sessions: ActorSessionsTable;
  sign_in_links: SignInLinksTable;
  billing_customers: BillingCustomersTable;
  billing_invoices: BillingInvoicesTable;
  billing_carryovers: BillingCarryoversTable;
  billing_findings: BillingFindingsTable;
  stripe_calls: StripeCallsTable;
  stripe_events: StripeEventsTable;
  operator_alerts: OperatorAlertsTable;
}

export type Order = Selectable<OrdersTable>;
export type Shop = Selectable<ShopsTable>;
export type Supplier = Selectable<SuppliersTable>;
export type Dispatch = Selectable<DispatchesTable>;
export type NewOrder = Insertable<OrdersTable>;
