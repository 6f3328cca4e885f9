export {
  ADDRESS_HOLD_CODES,
  type AddressChange,
  type AddressChangeKind,
  type AddressField,
  type AddressHoldCode,
  type AddressReview,
  type CleanedAddress,
  checkAddressCompliance,
  cleanAddress,
  MAX_ADDRESS_LINES,
  MAX_LINE_LENGTH,
  reviewAddress,
} from './address/index.ts';
export {
  type Carrier,
  findCarrier,
  isDestinationSupported,
  listCarriers,
  marketplaceName,
  normalizeCountryCode,
  TIKTOK_SHIPPING,
} from './carriers/registry.ts';
export {
  detectCarriers,
  normalizeTrackingNumber,
  type TrackingStatus,
  type TrackingVerdict,
  validateTrackingNumber,
} from './carriers/tracking.ts';
export {
  type ChannelCheckInput,
  checkChannel,
  type ShippingType,
} from './channel/authorization.ts';
export { checkTrackingForChannel } from './channel/tracking-check.ts';
export { type Hold, LABEL_NO_SERVICE, MARKETPLACE_ON_HOLD } from './holds.ts';
export * from './invoicing.ts';
export {
  chooseLabelService,
  defaultLabelParcel,
  type LabelParcel,
  type LabelServiceQuote,
  labelParcel,
  labelRefusedHold,
  labelUnavailableHold,
} from './labels/platform-label.ts';
export { LINE_GROUP_NO_SUPPLIER, lineGroupNoSupplierHold } from './line-group-hold.ts';
export { awaitsMarketplaceRelease, buildMarketplaceHold } from './marketplace-release.ts';
export { currencyExponent, formatMoney, parseMoney } from './money.ts';
export {
  type FulfillmentOrder,
  ORDER_PROGRESS_EVENTS,
  ORDER_STATUSES,
  type OrderFinalStatus,
  type OrderProgressEvent,
  type OrderStatus,
  orderWorkflowId,
  PAST_CHECKS_STATUSES,
  pickRecipient,
  type Recipient,
} from './order.ts';
export {
  decidePartnerMessage,
  type PartnerMessage,
  type PartnerMessageDecision,
} from './partner-message.ts';
export { toE164 } from './phone.ts';
export {
  carrierCheckGraceOf,
  DEFAULT_FULFILLMENT_POLICY,
  DEFAULT_LABEL_RECHECK_MS,
  describeDuration,
  type FulfillmentPolicy,
  labelRecheckScheduleOf,
  PLATFORM_SHIPPING_RESPONSE_MS,
  refusesTrackingVerdict,
  resolvePolicy,
  type SupplierPolicy,
  supplierClocks,
  type TenantPolicy,
} from './policy.ts';
export { checkRequiredFields } from './required-fields.ts';
export {
  ackedInTime,
  type CatalogItem,
  checkStockFeed,
  DEFAULT_ROUTING_WEIGHTS,
  expectedShipMs,
  type LineGroup,
  type RankedCandidate,
  type Rejection,
  type RejectionReason,
  type RouteDecision,
  type RoutingLine,
  type RoutingNeed,
  type RoutingSupplier,
  type RoutingWeights,
  routeOrder,
  type StockFeedCheck,
  type StockFeedRow,
  type StockFeedRowError,
  type StockFeedUpdate,
  type SupplierRecord,
  scoreRecord,
  shippedOnTime,
} from './routing/index.ts';
export { candidatesFor, type RoutingMode } from './routing-mode.ts';
export {
  type ShipmentSupplierLine,
  selectShipmentLineItems,
  type UnshippedLineItem,
} from './shipment-lines.ts';
export {
  indexSkuMappings,
  type MappedLine,
  resolveSkuMappings,
  type SkuMapping,
  type SkuMappingIndex,
} from './sku/mapping.ts';
export * from './sla-risk.ts';
export {
  ACTOR_SESSION_KINDS,
  CARRIER_TRACKING_STATUSES,
  type CarrierTrackingStatus,
  CREDITED_SLAS,
  type CreditedSla,
  DISPATCH_STATUSES,
  DISPATCH_STOCK_STATES,
  type DispatchStatus,
  type DispatchStockState,
  LEDGER_KINDS,
  type LedgerKind,
  NOTIFICATION_KINDS,
  type NotificationKind,
  OPERATOR_ALERT_KINDS,
  type OperatorAlertKind,
  ORDER_EVENT_KINDS,
  ORDER_SOURCES,
  type OrderEventKind,
  type OrderSource,
  SHOP_MODES,
  SHOP_STATUSES,
  type ShopMode,
  type ShopStatus,
  SIGN_IN_LINK_KINDS,
  SLA_CREDIT_KINDS,
  type SlaCreditKind,
  SUPPLIER_PREFERENCE_KINDS,
  type SupplierPreferenceKind,
} from './statuses.ts';
export { findUnstorableText, isStorableText, toStorableText } from './storable-text.ts';
export * from './supplier-files/index.ts';
