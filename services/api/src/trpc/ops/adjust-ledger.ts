import { PLAN_CURRENCIES } from '@switchyard/billing';
import { adjustLedger } from '@switchyard/billing/operations';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const input = z.object({
  tenantId: z.uuid(),
  /** The order it concerns, if one; an order of another tenant answers NOT_FOUND. */
  orderId: z.uuid().optional(),
  /** Signed minor units: positive charges, negative credits; never zero. */
  amountMinor: z.int(),
  currency: z.enum(PLAN_CURRENCIES),
  reason: z.string().trim().min(1).max(500),
  /** The operator's key for this adjustment: the same key again writes nothing more. */
  idempotencyKey: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});

/**
 * An operator's adjustment to a tenant's ledger, with its reason. Idempotent by key: a retry
 * answers the line written first (`replayed`); the key reused for another adjustment is
 * refused (IDEMPOTENCY_KEY_REUSED).
 */
export const adjustLedgerProcedure = operatorProcedure
  .input(input)
  .output(z.object({ entryId: z.string(), replayed: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const r = await adjustLedger(ctx.deps.db, {
      ...input,
      amountMinor: BigInt(input.amountMinor),
      operatorId: ctx.operatorId,
    });
    ctx.deps.log.info(
      {
        operatorId: ctx.operatorId,
        tenantId: input.tenantId,
        entryId: r.entryId,
        replayed: r.replayed,
      },
      'ledger adjusted',
    );
    return r;
  });
