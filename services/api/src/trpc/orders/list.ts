import { getShop, listOrdersWithTimeline, withTenant } from '@switchyard/db';
import { ORDER_STATUSES, SLA_RISKS, slaRiskCutoff } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { orderSummary, toOrderSummary } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

// An ISO 8601 instant with its offset, one Date can read (never an Invalid Date for the query).
const instant = z.iso
  .datetime({ offset: true })
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a real instant');

const input = z
  .object({
    ...pageInput({ default: 20, max: 100 }),
    status: z.enum(ORDER_STATUSES).optional(),
    /** One of the tenant's shops; another tenant's answers NOT_FOUND, like an unknown one. */
    shopId: z.uuid().optional(),
    /** Orders a supplier of the network holds or shipped (a dispatch not taken back). */
    supplierId: z.uuid().optional(),
    /** Open orders past their ship-by deadline, or due within 48 hours (R-SLA-1). */
    slaRisk: z.enum(SLA_RISKS).optional(),
    /** Received at or after this instant. */
    createdFrom: instant.optional(),
    /** Received before this instant. */
    createdBefore: instant.optional(),
  })
  .refine(
    (v) =>
      !v.createdFrom || !v.createdBefore || Date.parse(v.createdFrom) < Date.parse(v.createdBefore),
    {
      message: 'createdFrom must be before createdBefore',
      path: ['createdBefore'],
    },
  );

/**
 * The tenant's orders, newest first, each with its timeline (R-DIAG-1), narrowed by any of the
 * filters. A cursor belongs to its filters: the same ones must come with it (the keyset is the
 * same, so another filter's cursor only starts that listing further on, never shows more).
 */
export const listOrders = tenantProcedure
  .input(input)
  .output(pageOutput(orderSummary))
  .query(async ({ ctx, input }) => {
    const page = await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => {
      if (input.shopId && !(await getShop(trx, input.shopId)))
        throw new AppError('SHOP_NOT_FOUND', 'no such shop for this tenant');
      return listOrdersWithTimeline(trx, {
        limit: input.limit,
        cursor: input.cursor,
        status: input.status,
        shopId: input.shopId,
        supplierId: input.supplierId,
        shipByBefore: input.slaRisk && slaRiskCutoff(input.slaRisk, new Date()),
        createdFrom: input.createdFrom ? new Date(input.createdFrom) : undefined,
        createdBefore: input.createdBefore ? new Date(input.createdBefore) : undefined,
      });
    });
    return mapPage(page, toOrderSummary);
  });
