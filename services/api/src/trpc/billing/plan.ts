import { PLATFORM_DEFAULT_PLAN } from '@switchyard/billing';
import { tenantPlans } from '@switchyard/billing/operations';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';
import { feePlan, toFeePlanOutput } from './schemas.ts';

/** The plan the tenant's charges are computed with now, and any scheduled after it. */
export const planProcedure = tenantProcedure
  .output(z.object({ current: feePlan, upcoming: z.array(feePlan) }))
  .query(async ({ ctx }) => {
    const r = await tenantPlans(ctx.deps.db, {
      tenantId: ctx.tenantId,
      now: new Date(),
      platformDefault: ctx.deps.defaultFeePlan ?? PLATFORM_DEFAULT_PLAN,
    });
    return { current: toFeePlanOutput(r.current), upcoming: r.upcoming.map(toFeePlanOutput) };
  });
