import { getOrder, listLedgerEntries, withTenant } from '@switchyard/db';
import { LEDGER_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';
import { money, toMoney } from './schemas.ts';

const input = z.object({
  ...pageInput({ default: 50, max: 200 }),
  /** Only this order's lines. */
  orderId: z.uuid().optional(),
});

const output = pageOutput(
  z.object({
    id: z.string(),
    kind: z.enum(LEDGER_KINDS),
    orderId: z.string().nullable(),
    amount: money,
    currency: z.string(),
    createdAt: z.string(),
    /** The tenant plan it was computed with; null: the platform default (or an adjustment). */
    planId: z.string().nullable(),
    /** What the line charges for: the shipment (dispatch), the breached SLA, the reason. */
    dispatchId: z.string().nullable(),
    sla: z.string().nullable(),
    reason: z.string().nullable(),
    explanation: z.object({
      rule: z.string().nullable(),
      basis: money.nullable(),
      rateBp: z.number().nullable(),
      text: z.string().nullable(),
      facts: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    }),
  }),
);

type Explanation = {
  rule?: string;
  basisMinor?: string;
  basisCurrency?: string;
  rateBp?: number | null;
  text?: string;
  facts?: Record<string, string | number>;
};

/**
 * The tenant's ledger, newest first, each line with what explains it; `orderId` narrows it to
 * one order (another tenant's order answers NOT_FOUND, like one that does not exist).
 */
export const ledgerProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const page = await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => {
      if (input.orderId && !(await getOrder(trx, input.orderId)))
        throw new AppError('NOT_FOUND', 'no order with this id');
      return listLedgerEntries(trx, { ...input, tenantId: ctx.tenantId });
    });
    return mapPage(page, (l) => {
      const e = l.explanation as Explanation;
      return {
        id: l.id,
        kind: l.kind,
        orderId: l.order_id,
        amount: toMoney(BigInt(l.amount_minor), l.currency),
        currency: l.currency,
        createdAt: new Date(l.created_at).toISOString(),
        planId: l.plan_id,
        dispatchId: l.dispatch_id,
        sla: l.sla,
        reason: l.reason,
        explanation: {
          rule: e.rule ?? null,
          basis:
            e.basisMinor && e.basisCurrency ? toMoney(BigInt(e.basisMinor), e.basisCurrency) : null,
          rateBp: e.rateBp ?? null,
          text: e.text ?? null,
          facts: e.facts ?? null,
        },
      };
    });
  });
