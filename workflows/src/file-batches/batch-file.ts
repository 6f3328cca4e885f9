import { decrypt, type Keyring } from '@switchyard/auth';
import {
  type Db,
  dispatchLines,
  getLabelOfDispatch,
  getOrder,
  listBatchDispatches,
  withSupplier,
  withTenant,
} from '@switchyard/db';
import { type Recipient, TIKTOK_SHIPPING } from '@switchyard/domain';
import { type BatchDispatch, formatDispatchBatchCsv } from '@switchyard/domain/csv';

/** `switchyard-dispatches-20261201T0100Z.csv`: one name per supplier and slot, the same at every attempt. */
export function batchFileName(slotAt: Date): string {
  const iso = slotAt.toISOString();
  return `switchyard-dispatches-${iso.slice(0, 10).replaceAll('-', '')}T${iso.slice(11, 16).replace(':', '')}Z.csv`;
}

/**
 * The CSV of one recorded batch, read from the database: the batch's dispatches in a stable
 * order, each order's supplier item codes (R-CHK-1) and ship-to (decrypted here, in the
 * activity, never in workflow history). `ackDueAt`: the batch's slot plus the window in which
 * the supplier acknowledges (R-SLA-2).
 */
export async function buildBatchCsv(
  deps: { db: Db; keyring: Keyring; partnerApiUrl?: string | undefined },
  b: { supplierId: string; batchId: string; slotAt: Date; ackWindowMs: number },
): Promise<{ csv: string; dispatches: number }> {
  const rows = await withSupplier(deps.db, b.supplierId, (trx) =>
    listBatchDispatches(trx, b.batchId),
  );
  const ackDueAt = new Date(b.slotAt.getTime() + b.ackWindowMs).toISOString();
  const out: BatchDispatch[] = [];
  for (const d of rows) {
    const { order, label } = await withTenant(deps.db, d.tenant_id, async (trx) => {
      const order = await getOrder(trx, d.order_id);
      // Only a TikTok Shipping order ships on a platform label (R-CHK-3): no lookup otherwise.
      const labelled = order?.carrier === TIKTOK_SHIPPING;
      return { order, label: labelled ? await getLabelOfDispatch(trx, d.id) : undefined };
    });
    // Erased buyer data belongs to a long-finished order: nothing to ship.
    if (!order?.recipient_enc) continue;
    const r: Recipient = JSON.parse(decrypt(deps.keyring, order.recipient_enc));
    out.push({
      dispatchId: d.id,
      orderNumber: order.platform_order_id,
      lines: dispatchLines(d, order).map((l) => ({
        skuCode: l.supplierItemCode,
        quantity: l.quantity,
        name: l.name,
      })),
      recipient: {
        name: r.name,
        phone: r.phone,
        addressLines: r.addressLines,
        city: r.city,
        region: r.region,
        postalCode: r.postalCode,
        country: r.country,
      },
      carrier: order.carrier ?? '',
      shipBy: order.ship_by?.toISOString() ?? '',
      ackDueAt,
      // The platform label (R-CHK-3): printed from the partner API with the supplier's key.
      ...(label && {
        label: {
          trackingNumber: label.tracking_number,
          url: deps.partnerApiUrl
            ? `${deps.partnerApiUrl.replace(/\/+$/, '')}/dispatches/${encodeURIComponent(d.id)}/label`
            : '',
        },
      }),
    });
  }
  return { csv: formatDispatchBatchCsv(out), dispatches: out.length };
}
