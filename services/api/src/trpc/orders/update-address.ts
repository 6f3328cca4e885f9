import { randomUUID } from 'node:crypto';
import { encrypt } from '@switchyard/auth';
import {
  appendOrderEvent,
  lockOrderForFix,
  setRecipientOverride,
  withTenant,
} from '@switchyard/db';
import { MAX_ADDRESS_LINES, MAX_LINE_LENGTH, type Recipient } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';
import { signalRecheck } from './signal-recheck.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Shape only; the compliance rules (R-CHK-2) run in the re-check, as for any address. */
const address = z.object({
  name: text(200),
  phone: text(32),
  addressLines: z.array(text(MAX_LINE_LENGTH)).min(1).max(MAX_ADDRESS_LINES),
  city: text(100),
  region: z.string().trim().max(100),
  postalCode: text(20),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 country code')
    .transform((c) => c.toUpperCase()),
});

const input = z.object({ id: z.uuid(), address });
const output = z.object({ status: z.literal('rechecking') });

/**
 * The tenant corrects the address of a held order (R-CHK-2): stored encrypted, it wins over
 * the marketplace's address, and the checks run again. Only while the checks hold the order:
 * after that the supplier already has (or is about to get) the address.
 */
export const updateAddressProcedure = tenantProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const a = input.address;
    const recipient: Recipient = {
      name: a.name,
      phone: a.phone,
      addressLines: a.addressLines,
      city: a.city,
      region: a.region,
      postalCode: a.postalCode,
      country: a.country,
    };
    const workflowId = await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => {
      const order = await lockOrderForFix(trx, input.id);
      if (!order) throw new AppError('NOT_FOUND', 'order not found');
      if (!order.held)
        throw new AppError(
          'BAD_REQUEST',
          `order is ${order.status} and not held by a check; only a held order's address can be corrected`,
        );
      await setRecipientOverride(
        trx,
        order.id,
        encrypt(ctx.deps.keyring, JSON.stringify(recipient)),
      );
      // Which fields, never their values: the timeline carries no buyer data (R-ONB-3).
      await appendOrderEvent(trx, {
        tenantId: ctx.tenantId,
        orderId: order.id,
        kind: 'address_corrected',
        dedupeKey: `address_corrected:${randomUUID()}`,
        detail: { by: 'tenant' },
      });
      return order.workflowId;
    });
    await signalRecheck(ctx.deps, [workflowId]);
    return { status: 'rechecking' as const };
  });
