import { listNotifications, withTenant } from '@switchyard/db';
import { NOTIFICATION_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';

const input = z.object({
  ...pageInput({ default: 20, max: 100 }),
  unreadOnly: z.boolean().default(false),
});

const output = pageOutput(
  z.object({
    id: z.string(),
    shopId: z.string().nullable(),
    kind: z.enum(NOTIFICATION_KINDS),
    message: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  }),
);

/** What the platform told the tenant (re-authorize a shop, strike warnings …), newest first. */
export const listNotificationsProcedure = tenantProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(
      await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listNotifications(trx, input)),
      (n) => ({
        id: n.id,
        shopId: n.shop_id,
        kind: n.kind,
        message: n.message,
        createdAt: new Date(n.created_at).toISOString(),
        readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
      }),
    ),
  );
