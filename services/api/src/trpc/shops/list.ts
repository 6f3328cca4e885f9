import { listShops, withTenant } from '@switchyard/db';
import { SHOP_MODES, SHOP_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const output = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      platformShopId: z.string(),
      name: z.string(),
      region: z.string(),
      status: z.enum(SHOP_STATUSES),
      /** `api`: bound by OAuth; `csv`: orders and tracking by file. */
      mode: z.enum(SHOP_MODES),
      /** Carriers authorized for the shop (R-CHK-3). */
      carriers: z.array(z.string()),
      /** R-PEN-1: push-backs the marketplace refused in a row; three freeze the shop. */
      consecutiveStrikes: z.number(),
    }),
  ),
});

/** The tenant's bound shops, their authorization status and strike count. */
export const listShopsProcedure = tenantProcedure.output(output).query(async ({ ctx }) => {
  const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listShops(trx));
  return {
    items: rows.map((s) => ({
      id: s.id,
      platformShopId: s.platform_shop_id,
      name: s.name,
      region: s.region,
      status: s.status,
      mode: s.mode,
      carriers: s.carriers,
      consecutiveStrikes: s.consecutive_strikes,
    })),
  };
});
