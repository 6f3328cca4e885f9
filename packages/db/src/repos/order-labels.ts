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
  /** The line group the package holds (R-RT-1 split); absent or null: the whole order. */
  lineGroup?: number | null;
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
  'line_group',
] as const;

/**
 * The TikTok Shipping label, without its document, of the order (`lineGroup` null) or of one of
 * its line groups. A group without a label of its own ships on the order's, when the order has
 * one (bought before the order was split, by a version that bought one per order).
 */
export function getOrderLabel(trx: Trx, orderId: string, lineGroup: number | null = null) {
  return trx
    .selectFrom('order_labels')
    .select(COLUMNS)
    .where('order_id', '=', orderId)
    .where((eb) =>
      lineGroup === null
        ? eb('line_group', 'is', null)
        : eb.or([eb('line_group', 'is', null), eb('line_group', '=', lineGroup)]),
    )
    .orderBy(sql`line_group is null`)
    .limit(1)
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
      line_group: v.lineGroup ?? null,
    })
    // One label per order and group, one per package: a second attempt keeps the first.
    .onConflict((oc) => oc.doNothing())
    .execute();
  const group = v.lineGroup ?? null;
  return trx
    .selectFrom('order_labels')
    .select(COLUMNS)
    .where('order_id', '=', v.orderId)
    .where('line_group', group === null ? 'is' : '=', group)
    .executeTakeFirstOrThrow();
}

export async function markLabelHandedOver(trx: Trx, packageId: string, at: Date) {
  await trx
    .updateTable('order_labels')
    .set({ handed_over_at: at })
    .where('package_id', '=', packageId)
    .where('handed_over_at', 'is', null)
    .execute();
}

/**
 * The label a dispatch ships on, read in its tenant's scope: its line group's, else the order's
 * (see getOrderLabel). None for a dispatch of a seller-shipped order.
 */
export async function getLabelOfDispatch(trx: Trx, dispatchId: string) {
  const d = await trx
    .selectFrom('dispatches')
    .select(['order_id', 'line_group'])
    .where('id', '=', dispatchId)
    .executeTakeFirst();
  return d ? getOrderLabel(trx, d.order_id, d.line_group) : undefined;
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
      j
        .onRef('l.order_id', '=', 'd.order_id')
        .onRef('l.tenant_id', '=', 'd.tenant_id')
        // A group's dispatch gets its group's label, else the order's (R-RT-1 split).
        .on((eb) =>
          eb.or([eb('l.line_group', 'is', null), eb('l.line_group', '=', eb.ref('d.line_group'))]),
        ),
    )
    .select(['l.package_id', 'l.tracking_number', 'l.carrier', 'l.document_enc', 'l.document_type'])
    .where('d.id', '=', dispatchId)
    .where('d.status', 'not in', ['withdrawn', 'rejected'])
    .orderBy(sql`l.line_group is null`)
    .limit(1)
    .executeTakeFirst();
}

/** What a dispatch payload says of a label. */
export type LabelSummary = {
  package_id: string;
  tracking_number: string;
  carrier: string;
  document_type: string;
};

/**
 * Labels of several dispatches (pull listing), by dispatch id, in the tenant's scope: each its
 * line group's, else its order's.
 */
export async function listDispatchLabels(
  trx: Trx,
  dispatchIds: readonly string[],
): Promise<Map<string, LabelSummary>> {
  if (dispatchIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('dispatches as d')
    .innerJoin('order_labels as l', (j) =>
      j
        .onRef('l.order_id', '=', 'd.order_id')
        .on((eb) =>
          eb.or([eb('l.line_group', 'is', null), eb('l.line_group', '=', eb.ref('d.line_group'))]),
        ),
    )
    .select(['d.id', 'l.package_id', 'l.tracking_number', 'l.carrier', 'l.document_type'])
    .where('d.id', 'in', dispatchIds)
    // The group's own label last, so it is the one kept.
    .orderBy(sql`l.line_group is not null`)
    .execute();
  return new Map(rows.map(({ id, ...l }) => [id, l]));
}
