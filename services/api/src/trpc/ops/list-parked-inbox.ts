import { listParkedInbox } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../schemas.ts';
import { operatorProcedure } from '../trpc.ts';

const input = z
  .object({
    limit: z.int().min(1).max(200).default(50),
    cursor: z.string().max(100).optional(),
  })
  .default({ limit: 50 });

const output = z.object({
  items: z.array(
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
  ),
  nextCursor: z.string().nullable(),
});

/** Inbox ids are bigints; a longer cursor could not be one the listing handed out. */
const INBOX_ID = /^\d{1,18}$/;

function after(cursor: string | undefined): string {
  if (cursor === undefined) return '0';
  const [id, ...rest] = decodeCursor(cursor) ?? [];
  if (!id || rest.length || !INBOX_ID.test(id)) throw new AppError('BAD_REQUEST', 'invalid cursor');
  return id;
}

/** Notifications of every tenant parked after failing routing too often, oldest first. */
export const listParkedInboxProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) => {
    const rows = await listParkedInbox(ctx.deps.db, {
      after: after(input.cursor),
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        tenantId: r.tenant_id,
        shopId: r.shop_id,
        notificationId: r.notification_id,
        type: r.type,
        attempts: r.attempts,
        lastError: r.last_error,
        receivedAt: new Date(r.received_at).toISOString(),
        parkedAt: new Date(r.parked_at).toISOString(),
      })),
      nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
    };
  });
