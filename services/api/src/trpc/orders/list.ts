import { listOrdersWithTimeline, withTenant } from '@switchyard/db';
import { ORDER_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { orderSummary, toOrderSummary } from '../schemas.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  status: z.enum(ORDER_STATUSES).optional(),
});

const output = z.object({ items: z.array(orderSummary), nextCursor: z.string().nullable() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A cursor is client input: anything the database would refuse (a non-uuid id, a date outside
// timestamptz) must be a 400 here, not a 500 from the query.
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  const year = createdAt.getUTCFullYear();
  if (!id || !UUID.test(id) || Number.isNaN(year) || year < 1970 || year > 9999)
    throw new AppError('BAD_REQUEST', 'invalid cursor');
  return { createdAt, id };
}

const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

/** The tenant's orders, newest first, each with its timeline (R-DIAG-1). */
export const listOrders = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const before = input.cursor ? decodeCursor(input.cursor) : undefined;
    const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      listOrdersWithTimeline(trx, { limit: input.limit + 1, before, status: input.status }),
    );
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(toOrderSummary),
      nextCursor:
        rows.length > input.limit && last ? encodeCursor(new Date(last.created_at), last.id) : null,
    };
  });
