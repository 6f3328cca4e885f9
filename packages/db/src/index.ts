export {
  createDb,
  type Db,
  scopeToTenant,
  type Trx,
  withSupplier,
  withTenant,
} from './client.ts';
export { InvalidCursorError, type Page, type PageRequest } from './keyset.ts';
export * from './repos/actor-sessions.ts';
export * from './repos/billing-carryovers.ts';
export * from './repos/billing-facts.ts';
export * from './repos/billing-findings.ts';
export * from './repos/daily-figures.ts';
export * from './repos/diagnosis.ts';
export * from './repos/dispatches.ts';
export * from './repos/events.ts';
export * from './repos/fee-plans.ts';
export * from './repos/idempotency-keys.ts';
export * from './repos/imports.ts';
export * from './repos/inbox.ts';
export * from './repos/ledger.ts';
export * from './repos/onboarding.ts';
export * from './repos/operator-alerts.ts';
export * from './repos/operator-views.ts';
export * from './repos/operators.ts';
export * from './repos/order-holds.ts';
export * from './repos/order-labels.ts';
export * from './repos/orders.ts';
export * from './repos/partner-keys.ts';
export * from './repos/platform-metrics.ts';
export * from './repos/reports.ts';
export * from './repos/retention.ts';
export * from './repos/routing-data.ts';
export * from './repos/shipments.ts';
export * from './repos/shops.ts';
export * from './repos/sku-mappings.ts';
export * from './repos/strikes.ts';
export * from './repos/stripe-invoices.ts';
export * from './repos/stripe-outbox.ts';
export * from './repos/supplier-file-batches.ts';
export * from './repos/supplier-file-settings.ts';
export * from './repos/supplier-files.ts';
export * from './repos/supplier-registry.ts';
export * from './repos/supplier-shipments.ts';
export * from './repos/suppliers.ts';
export * from './repos/tenant-lists.ts';
export * from './repos/tenants.ts';
export type * from './schema.ts';
