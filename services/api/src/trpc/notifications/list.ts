import { listNotifications, withTenant } from '@switchyard/db';
import { NOTIFICATION_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  limit: z.int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/, 'invalid cursor')
    .optional(),
  unreadOnly: z.boolean().default(false),
});

const output = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      shopId: z.string().nullable(),
      kind: z.enum(NOTIFICATION_KINDS),
      message: z.string(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** What the platform told the tenant (re-authorize a shop, strike warnings …), newest first. */
export const listNotificationsProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      listNotifications(trx, {
        limit: input.limit + 1,
        ...(input.cursor && { beforeId: input.cursor }),
        unreadOnly: input.unreadOnly,
      }),
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((n) => ({
        id: n.id,
        shopId: n.shop_id,
        kind: n.kind,
        message: n.message,
        createdAt: new Date(n.created_at).toISOString(),
        readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
      })),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
