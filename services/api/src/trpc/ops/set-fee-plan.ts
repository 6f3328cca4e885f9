import { PLAN_CURRENCIES, SLA_CREDIT_KINDS } from '@switchyard/billing';
import { setTenantPlan } from '@switchyard/billing/operations';
import { z } from 'zod';
import { feePlan, toFeePlanOutput } from '../billing/schemas.ts';
import { operatorProcedure } from '../trpc.ts';

const input = z.object({
  tenantId: z.uuid(),
  /** When the plan starts (ISO time with offset); absent: now. Never in the past. */
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  currency: z.enum(PLAN_CURRENCIES),
  /** Base fee per fulfilled order, minor units of `currency` (R-BIL-1). */
  orderFeeMinor: z.int().min(0),
  /** Markup on the supplier's logistics cost, basis points (R-BIL-1). */
  markupBp: z.int().min(0),
  /** Credit per breached promise (R-SLA-5): minor units, or basis points of the order fee. */
  slaCredit: z
    .object({ kind: z.enum(SLA_CREDIT_KINDS), value: z.int().min(0) })
    .default({ kind: 'none', value: 0 }),
  /** Whether an order cancelled before it shipped still pays its fee. */
  chargeCancelled: z.boolean().default(false),
});

/**
 * Sets a tenant's fee plan from a time on. The limits (per currency, in major units) are the
 * billing package's; a refused plan answers PLAN_INVALID with each field's reason.
 */
export const setFeePlanProcedure = operatorProcedure
  .input(input)
  .output(feePlan)
  .mutation(async ({ ctx, input }) => {
    const plan = await setTenantPlan(ctx.deps.db, {
      tenantId: input.tenantId,
      effectiveFrom: input.effectiveFrom ? new Date(input.effectiveFrom) : undefined,
      terms: {
        currency: input.currency,
        orderFeeMinor: BigInt(input.orderFeeMinor),
        markupBp: input.markupBp,
        slaCreditKind: input.slaCredit.kind,
        slaCreditValue: BigInt(input.slaCredit.value),
        chargeCancelled: input.chargeCancelled,
      },
      operatorId: ctx.operatorId,
      now: new Date(),
    });
    ctx.deps.log.info(
      { operatorId: ctx.operatorId, tenantId: input.tenantId, planId: plan.id },
      'fee plan set',
    );
    return toFeePlanOutput(plan);
  });
