import { pageOperatorTenants } from '@switchyard/db';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { operatorProcedure } from '../trpc.ts';

// Optional as a whole: callers from before paging send no input and get the first page.
const input = z.object(pageInput({ default: 50, max: 200 })).default({ limit: 50 });

const output = pageOutput(
  z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    shops: z.number(),
    openOrders: z.number(),
  }),
);

/** Every tenant with its shops and open orders, oldest first, by keyset pages. */
export const listTenantsProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(await pageOperatorTenants(ctx.deps.db, input), (t) => ({
      id: t.id,
      name: t.name,
      createdAt: new Date(t.created_at).toISOString(),
      shops: Number(t.shops),
      openOrders: Number(t.open_orders),
    })),
  );
