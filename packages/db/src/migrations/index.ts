import type { Migration } from 'kysely';
import * as foundation from './20261128000000_foundation.ts';
import * as onboarding from './20261128010000_onboarding.ts';
import * as checksAndImports from './20261128020000_checks_and_imports.ts';
import * as csvShops from './20261128030000_csv_shops.ts';
import * as inboxSweep from './20261128040000_inbox_sweep.ts';
import * as buyerDataRetention from './20261128050000_buyer_data_retention.ts';
import * as fileShopNamespace from './20261130000000_file_shop_namespace.ts';
import * as inboxParking from './20261130010000_inbox_parking.ts';
import * as statusChecks from './20261130040000_status_checks.ts';
import * as inboxDispatch from './20261130060000_inbox_dispatch.ts';
import * as dispatchesByOrder from './20261130070000_dispatches_by_order.ts';
import * as supplierRegistry from './20261130080000_supplier_registry.ts';
import * as routingCandidates from './20261130090000_routing_candidates.ts';
import * as storeInboxPerShop from './20261130113000_store_inbox_per_shop.ts';
import * as partnerApi from './20261130140000_partner_api.ts';
import * as shipments from './20261130150000_shipments.ts';
import * as fileConnector from './20261130160000_file_connector.ts';
import * as supplierAvailability from './20261130170000_supplier_availability.ts';
import * as supplierSlaPolicy from './20261130180000_supplier_sla_policy.ts';
import * as billingLedger from './20261130190000_billing_ledger.ts';
import * as stripeBilling from './20261130200000_stripe_billing.ts';
import * as orderLabels from './20261130210000_order_labels.ts';
import * as operatorAlerts from './20261130220000_operator_alerts.ts';
import * as scorecardTotals from './20261130230000_scorecard_totals.ts';
import * as dropPartnerKeyHash from './20261130230100_drop_partner_key_hash.ts';
import * as dispatchLineGroups from './20261130230200_dispatch_line_groups.ts';
import * as platformMetrics from './20261201020000_platform_metrics.ts';
import * as orderListFilters from './20261201040000_order_list_filters.ts';
import * as actorSessions from './20261201050000_actor_sessions.ts';
import * as billingReconciliation from './20261201060000_billing_reconciliation.ts';
import * as orderLabelGroups from './20261201070000_order_label_groups.ts';
import * as itemWeights from './20261201070100_item_weights.ts';
import * as idempotencyInOneStatement from './20261201080000_idempotency_in_one_statement.ts';
import * as stockMovesInCodeOrder from './20261201080100_stock_moves_in_code_order.ts';
import * as orderEventsShipped from './20261202010000_order_events_shipped.ts';
import * as operatorTenantPages from './20261202020000_operator_tenant_pages.ts';
import * as supplierShipmentInbox from './20261202050000_supplier_shipment_inbox.ts';
import * as platformMetricsHoldCodes from './20261202060000_platform_metrics_hold_codes.ts';

/** Every migration, by name; names sort in the order they run. Frozen once landed. */
export const migrations: Record<string, Migration> = {
  '20261128000000_foundation': foundation,
  '20261128010000_onboarding': onboarding,
  '20261128020000_checks_and_imports': checksAndImports,
  '20261128030000_csv_shops': csvShops,
  '20261128040000_inbox_sweep': inboxSweep,
  '20261128050000_buyer_data_retention': buyerDataRetention,
  '20261130000000_file_shop_namespace': fileShopNamespace,
  '20261130010000_inbox_parking': inboxParking,
  '20261130040000_status_checks': statusChecks,
  '20261130060000_inbox_dispatch': inboxDispatch,
  '20261130070000_dispatches_by_order': dispatchesByOrder,
  '20261130080000_supplier_registry': supplierRegistry,
  '20261130090000_routing_candidates': routingCandidates,
  '20261130113000_store_inbox_per_shop': storeInboxPerShop,
  '20261130140000_partner_api': partnerApi,
  '20261130150000_shipments': shipments,
  '20261130160000_file_connector': fileConnector,
  '20261130170000_supplier_availability': supplierAvailability,
  '20261130180000_supplier_sla_policy': supplierSlaPolicy,
  '20261130190000_billing_ledger': billingLedger,
  '20261130200000_stripe_billing': stripeBilling,
  '20261130210000_order_labels': orderLabels,
  '20261130220000_operator_alerts': operatorAlerts,
  '20261130230000_scorecard_totals': scorecardTotals,
  '20261130230100_drop_partner_key_hash': dropPartnerKeyHash,
  '20261130230200_dispatch_line_groups': dispatchLineGroups,
  '20261201020000_platform_metrics': platformMetrics,
  '20261201040000_order_list_filters': orderListFilters,
  '20261201050000_actor_sessions': actorSessions,
  '20261201060000_billing_reconciliation': billingReconciliation,
  '20261201070000_order_label_groups': orderLabelGroups,
  '20261201070100_item_weights': itemWeights,
  '20261201080000_idempotency_in_one_statement': idempotencyInOneStatement,
  '20261201080100_stock_moves_in_code_order': stockMovesInCodeOrder,
  '20261202010000_order_events_shipped': orderEventsShipped,
  '20261202020000_operator_tenant_pages': operatorTenantPages,
  '20261202050000_supplier_shipment_inbox': supplierShipmentInbox,
  '20261202060000_platform_metrics_hold_codes': platformMetricsHoldCodes,
};
