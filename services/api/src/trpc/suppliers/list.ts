import { listNetworkSuppliers, withTenant } from '@switchyard/db';
import { SUPPLIER_PREFERENCE_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object(pageInput({ default: 50, max: 200 }));

const output = pageOutput(
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    countries: z.array(z.string()),
    carriers: z.array(z.string()),
    timeZone: z.string(),
    cutoffMinute: z.number(),
    handlingDays: z.number(),
    /** The tenant's own choice for routing (R-RT-1); null: routing decides on its own. */
    preference: z.enum(SUPPLIER_PREFERENCE_KINDS).nullable(),
    position: z.number().nullable(),
  }),
);

/** The supplier network as the tenant may steer it: pin or exclude suppliers (R-RT-1). */
export const listSuppliersProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(
      await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listNetworkSuppliers(trx, input)),
      (s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        countries: s.countries,
        carriers: s.carriers,
        timeZone: s.time_zone,
        cutoffMinute: s.cutoff_minute,
        handlingDays: s.handling_days,
        preference: s.preference,
        position: s.preference === 'pin' ? s.position : null,
      }),
    ),
  );
