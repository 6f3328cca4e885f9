import { listParkedInbox } from '@switchyard/db';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { operatorProcedure } from '../trpc.ts';

const input = z.object(pageInput({ default: 50, max: 200 })).default({ limit: 50 });

const output = pageOutput(
  z.object({
    tenantId: z.string(),
    shopId: z.string(),
    notificationId: z.string(),
    type: z.number(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    receivedAt: z.string(),
    parkedAt: z.string(),
  }),
);

/** Notifications of every tenant parked after failing routing too often, oldest first. */
export const listParkedInboxProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(await listParkedInbox(ctx.deps.db, input), (r) => ({
      tenantId: r.tenant_id,
      shopId: r.shop_id,
      notificationId: r.notification_id,
      type: r.type,
      attempts: r.attempts,
      lastError: r.last_error,
      receivedAt: new Date(r.received_at).toISOString(),
      parkedAt: new Date(r.parked_at).toISOString(),
    })),
  );
