import { decrypt } from '@switchyard/auth';
import { getOrderWithTimeline, withTenant } from '@switchyard/db';
import { pickRecipient, type Recipient } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
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
});

/**
 * One of the tenant's orders with its holds and timeline. Another tenant's order is invisible
 * under RLS, so it answers exactly like an id that does not exist.
 */
export const getOrderProcedure = tenantProcedure
  .input(orderIdInput)
  .output(output)
  .query(async ({ ctx, input }) => {
    const o = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      getOrderWithTimeline(trx, input.id),
    );
    if (!o) throw new AppError('NOT_FOUND', 'order not found');
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
    };
  });
