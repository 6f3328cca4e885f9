import { listOperatorTenants } from '@switchyard/db';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const output = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    shops: z.number(),
    openOrders: z.number(),
  }),
);

/** Every tenant with its shops and open orders, oldest first (at most 500: a small network). */
export const listTenantsProcedure = operatorProcedure.output(output).query(async ({ ctx }) =>
  (await listOperatorTenants(ctx.deps.db, 500)).map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: new Date(t.created_at).toISOString(),
    shops: Number(t.shops),
    openOrders: Number(t.open_orders),
  })),
);
