import { randomBytes } from 'node:crypto';
import { insertCsvShop, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  name: z.string().trim().min(1).max(200),
  region: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
  /** The seller center's shop id or code, when the seller knows it. */
  platformShopId: z.string().trim().min(1).max(64).optional(),
});

/**
 * A shop for a seller without API access (R-IN-3): orders arrive by CSV import, tracking goes
 * back through the bulk-shipping export.
 */
export const createCsvShopProcedure = tenantProcedure
  .input(input)
  .output(z.object({ id: z.string(), platformShopId: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const platformShopId = input.platformShopId ?? `file-${randomBytes(6).toString('hex')}`;
    try {
      const id = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
        insertCsvShop(trx, {
          tenantId: ctx.tenantId,
          platformShopId,
          name: input.name,
          region: input.region,
        }),
      );
      return { id, platformShopId };
    } catch (err) {
      // File-only shop ids are unique within the tenant; another tenant's ids are no concern.
      if ((err as { code?: string }).code === '23505')
        throw new AppError('SHOP_ALREADY_EXISTS', 'a file-only shop with this id already exists');
      throw err;
    }
  });
