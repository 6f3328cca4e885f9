import { listShops, withTenant } from '@switchyard/db';
import { SHOP_MODES, SHOP_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';

// Optional as a whole: callers from before paging send no input and get the first page.
const input = z.object(pageInput({ default: 100, max: 200 })).default({ limit: 100 });

const output = pageOutput(
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
);

/** The tenant's bound shops, oldest first, their authorization status and strike count. */
export const listShopsProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listShops(trx, input)), (s) => ({
      id: s.id,
      platformShopId: s.platform_shop_id,
      name: s.name,
      region: s.region,
      status: s.status,
      mode: s.mode,
      carriers: s.carriers,
      consecutiveStrikes: s.consecutive_strikes,
    })),
  );
