/**
 * What routing knows about one supplier of the network when it decides an order (R-RT-1),
 * loaded for that order in one query. Costs are integer minor units of the platform's
 * settlement currency (USD cents), so candidates compare without exchange rates.
 */
export interface RoutingSupplier {
  id: string;
  code: string;
  /** Destination countries (ISO 3166-1 alpha-2) the supplier ships to. */
  countries: readonly string[];
  /** Carriers / channels the supplier is authorized to ship with (R-CHK-3). */
  carriers: readonly string[];
  /** Catalog rows for the order's supplier item codes only: stock on hand and unit cost. */
  items: Readonly<Record<string, CatalogItem>>;
  /** Cost of one parcel to the order's destination by its channel; absent: no rate quoted. */
  parcelCostMinor: number | null;
  /** IANA time zone the supplier's cut-off is given in, e.g. `Asia/Shanghai`. */
  timeZone: string;
  /** Minutes after local midnight until which an order received still counts for today. */
  cutoffMinute: number;
  /** Whole days between the day an order counts for and the day it ships. */
  handlingDays: number;
  /** Dispatches the supplier takes per local day; null: no limit. */
  dailyCapacity: number | null;
  /** Dispatches it has already taken today (its local day). */
  dispatchedToday: number;
  record: SupplierRecord;
}

export interface CatalogItem {
  stock: number;
  unitCostMinor: number;
}

/**
 * Outcome counts over the scorecard's rolling window (R-SLA-2, R-SLA-1, R-TRK-1): dispatches
 * sent and acknowledged in time; shipments and those shipped on time and with valid tracking.
 */
export interface SupplierRecord {
  dispatched: number;
  ackedInTime: number;
  shipped: number;
  shippedOnTime: number;
  validTracking: number;
}

/** One order line after SKU mapping: the supplier item and how many units of it. */
export interface RoutingLine {
  supplierItemCode: string;
  quantity: number;
}

/** The order as routing sees it. */
export interface RoutingNeed {
  country: string;
  carrier: string;
  lines: readonly RoutingLine[];
  nowMs: number;
  /** The marketplace's ship-by deadline (R-SLA-1). */
  shipByMs: number;
  /** Tenant preferences: pinned suppliers come first when eligible; excluded ones never. */
  pinned: readonly string[];
  excluded: readonly string[];
}

/** Why a supplier cannot take the order (or a line group), each a stable code. */
export type RejectionReason =
  | 'excluded_by_tenant'
  | 'destination_not_served'
  | 'channel_not_authorized'
  | 'no_parcel_rate'
  | 'capacity_full'
  | 'item_not_stocked'
  | 'out_of_stock';
