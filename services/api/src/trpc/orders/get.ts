import { decrypt } from '@switchyard/auth';
import { getOrderWithTimeline, getTenantOrderLabel, withTenant } from '@switchyard/db';
import { pickRecipient, type Recipient } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { money, toMoney } from '../billing/schemas.ts';
import { hold, orderIdInput, orderSummary, toOrderSummary } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const recipient = z.object({
  name: z.string(),
  phone: z.string(),
  addressLines: z.array(z.string()),
  city: z.string(),
  region: z.string(),
  postalCode: z.string(),
  country: z.string(),
});

const output = orderSummary.extend({
  lines: z.array(
    z.object({ skuId: z.string(), sellerSku: z.string(), name: z.string(), quantity: z.number() }),
  ),
  /** Why the order is held; empty once the checks pass. */
  holds: z.array(hold),
  /** The address as last checked (cleaned, R-CHK-4): what a supplier receives. */
  recipient: recipient.nullable(),
  /** The tenant corrected the address; the correction wins from the next check on. */
  addressCorrected: z.boolean(),
  /** The TikTok Shipping label the platform bought (R-CHK-3); null for other orders. */
  label: z
    .object({
      packageId: z.string(),
      trackingNumber: z.string(),
      carrier: z.string(),
      serviceName: z.string().nullable(),
      /** What the label cost (R-BIL-2), when the marketplace said. */
      price: money.nullable(),
      currency: z.string().nullable(),
      purchasedAt: z.string(),
      handedOverAt: z.string().nullable(),
      /** The document is kept until the buyer's data is erased (R-ONB-3); then it is gone. */
      documentUrl: z.string().nullable(),
    })
    .nullable(),
});

/**
 * One of the tenant's orders with its holds and timeline. Another tenant's order is invisible
 * under RLS, so it answers exactly like an id that does not exist.
 */
export const getOrderProcedure = tenantProcedure
  .input(orderIdInput)
  .output(output)
  .query(async ({ ctx, input }) => {
    const found = await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => {
      const order = await getOrderWithTimeline(trx, input.id);
      return order && { order, label: await getTenantOrderLabel(trx, input.id) };
    });
    if (!found) throw new AppError('NOT_FOUND', 'order not found');
    const { order: o, label: l } = found;
    // The owner's own buyer data, for fixing a held address; never in list outputs (R-ONB-3).
    const r: Recipient | null = o.recipient_enc
      ? JSON.parse(decrypt(ctx.deps.keyring, o.recipient_enc))
      : null;
    return {
      ...toOrderSummary(o),
      lines: o.lines.map((l) => ({
        skuId: l.skuId,
        sellerSku: l.sellerSku,
        name: l.name,
        quantity: l.quantity,
      })),
      holds: z.array(hold).parse(o.holds),
      recipient: r && pickRecipient(r),
      addressCorrected: o.recipient_override_enc !== null,
      label: l
        ? {
            packageId: l.package_id,
            trackingNumber: l.tracking_number,
            carrier: l.carrier,
            serviceName: l.service_name,
            price:
              l.price_minor !== null && l.currency
                ? toMoney(BigInt(l.price_minor), l.currency)
                : null,
            currency: l.currency,
            purchasedAt: new Date(l.created_at).toISOString(),
            handedOverAt: l.handed_over_at ? new Date(l.handed_over_at).toISOString() : null,
            documentUrl: l.has_document ? `/v1/orders/${o.id}/label` : null,
          }
        : null,
    };
  });
