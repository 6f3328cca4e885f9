import { sql } from 'kysely';
import type { Trx } from '../client.ts';

export interface OrderLabelInput {
  tenantId: string;
  orderId: string;
  packageId: string;
  trackingNumber: string;
  carrier: string;
  serviceId: string | null;
  serviceName: string | null;
  priceMinor: bigint | null;
  currency: string | null;
  documentEnc: string;
  documentType: string;
}

const COLUMNS = [
  'order_id',
  'package_id',
  'tracking_number',
  'carrier',
  'service_id',
  'service_name',
  'price_minor',
  'currency',
  'document_type',
  'created_at',
  'handed_over_at',
] as const;

/** The order's TikTok Shipping label, without its document. */
export function getOrderLabel(trx: Trx, orderId: string) {
  return trx
    .selectFrom('order_labels')
    .select(COLUMNS)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/**
 * The order's label as its tenant sees it (under `withTenant`), with whether its document is
 * still kept (erased with the buyer's data, R-ONB-3), without the document itself.
 */
export function getTenantOrderLabel(trx: Trx, orderId: string) {
  return trx
    .selectFrom('order_labels')
    .select([...COLUMNS, sql<boolean>`document_enc is not null`.as('has_document')])
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/** The order's label document (encrypted), for its tenant's download. */
export function getOrderLabelDocument(trx: Trx, orderId: string) {
  return trx
    .selectFrom('order_labels')
    .select(['package_id', 'tracking_number', 'document_enc', 'document_type'])
    .where('order_id', '=', orderId)
    .executeTakeFirst();
}

/**
 * Stores the label once: a second purchase attempt (a retried activity) keeps the first row.
 * Returns the row that is stored.
 */
export async function saveOrderLabel(trx: Trx, v: OrderLabelInput) {
  await trx
    .insertInto('order_labels')
    .values({
      tenant_id: v.tenantId,
      order_id: v.orderId,
      package_id: v.packageId,
      tracking_number: v.trackingNumber,
      carrier: v.carrier,
      service_id: v.serviceId,
      service_name: v.serviceName,
      price_minor: v.priceMinor,
      currency: v.currency,
      document_enc: v.documentEnc,
      document_type: v.documentType,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'order_id']).doNothing())
    .execute();
  return trx
    .selectFrom('order_labels')
    .select(COLUMNS)
    .where('order_id', '=', v.orderId)
    .executeTakeFirstOrThrow();
}

export async function markLabelHandedOver(trx: Trx, orderId: string, at: Date) {
  await trx
    .updateTable('order_labels')
    .set({ handed_over_at: at })
    .where('order_id', '=', orderId)
    .where('handed_over_at', 'is', null)
    .execute();
}

/**
 * The label of a dispatch, for its supplier (run under `withSupplier`: RLS shows a supplier
 * only its own dispatches, and a label only through one of them). A dispatch taken back
 * (withdrawn, rejected) no longer gives its label: the parcel is another supplier's now.
 */
export function getDispatchLabel(trx: Trx, dispatchId: string) {
  return trx
    .selectFrom('dispatches as d')
    .innerJoin('order_labels as l', (j) =>
      j.onRef('l.order_id', '=', 'd.order_id').onRef('l.tenant_id', '=', 'd.tenant_id'),
    )
    .select(['l.package_id', 'l.tracking_number', 'l.carrier', 'l.document_enc', 'l.document_type'])
    .where('d.id', '=', dispatchId)
    .where('d.status', 'not in', ['withdrawn', 'rejected'])
    .executeTakeFirst();
}

/** What a dispatch payload says of a label. */
export type LabelSummary = {
  package_id: string;
  tracking_number: string;
  carrier: string;
  document_type: string;
};

/** Labels of several orders (pull listing, file batches), by order id. */
export async function listOrderLabels(
  trx: Trx,
  orderIds: readonly string[],
): Promise<Map<string, LabelSummary>> {
  if (orderIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('order_labels')
    .select(['order_id', 'package_id', 'tracking_number', 'carrier', 'document_type'])
    .where('order_id', 'in', orderIds)
    .execute();
  return new Map(rows.map(({ order_id, ...l }) => [order_id, l]));
}
