import { isActiveSupplier, setSupplierPreference, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.discriminatedUnion('preference', [
  /** Routing tries pinned suppliers first, lowest position first, when they can take the order. */
  z.object({
    supplierId: z.uuid(),
    preference: z.literal('pin'),
    position: z.int().min(0).max(99).default(0),
  }),
  /** Routing never sends the tenant's orders to an excluded supplier. */
  z.object({ supplierId: z.uuid(), preference: z.literal('exclude') }),
  /** Back to routing's own choice. */
  z.object({ supplierId: z.uuid(), preference: z.literal('none') }),
]);

const output = z.object({ supplierId: z.string(), preference: z.enum(['pin', 'exclude', 'none']) });

/**
 * R-RT-1: a tenant pins or excludes a supplier of the network for its own orders. Orders routed
 * from then on follow it; orders already with a supplier keep theirs.
 */
export const setSupplierPreferenceProcedure = tenantProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    await withTenant(ctx.deps.db, ctx.tenantId, async (trx) => {
      if (!(await isActiveSupplier(trx, input.supplierId)))
        throw new AppError('NOT_FOUND', 'no such supplier in the network');
      await setSupplierPreference(
        trx,
        ctx.tenantId,
        input.supplierId,
        input.preference === 'none'
          ? null
          : input.preference === 'pin'
            ? { kind: 'pin', position: input.position }
            : { kind: 'exclude' },
      );
    });
    return { supplierId: input.supplierId, preference: input.preference };
  });
