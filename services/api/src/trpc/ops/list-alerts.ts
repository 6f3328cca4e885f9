import { listOperatorAlerts } from '@switchyard/db';
import { OPERATOR_ALERT_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { operatorProcedure } from '../trpc.ts';

const input = z
  .object({ ...pageInput({ default: 50, max: 200 }), open: z.boolean().default(false) })
  .default({ limit: 50, open: false });

const output = pageOutput(
  z.object({
    id: z.string(),
    kind: z.enum(OPERATOR_ALERT_KINDS),
    supplierId: z.string().nullable(),
    tenantId: z.string().nullable(),
    orderId: z.string().nullable(),
    message: z.string(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    ackedAt: z.string().nullable(),
    /** The operator webhook, when one is configured: attempts so far, delivered or not. */
    delivery: z.object({
      attempts: z.number(),
      deliveredAt: z.string().nullable(),
      lastError: z.string().nullable(),
    }),
  }),
);

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Issue 10 item 4: what the platform raised for operators (a paused supplier endpoint, an
 * order no supplier could take), newest first; `open` keeps the unacknowledged ones.
 */
export const listAlertsProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    mapPage(await listOperatorAlerts(ctx.deps.db, input, { open: input.open }), (a) => ({
      id: String(a.id),
      kind: a.kind,
      supplierId: a.supplier_id,
      tenantId: a.tenant_id,
      orderId: a.order_id,
      message: a.message,
      detail: a.detail,
      createdAt: iso(a.created_at)!,
      ackedAt: iso(a.acked_at),
      delivery: {
        attempts: a.delivery_attempts,
        deliveredAt: iso(a.delivered_at),
        lastError: a.last_delivery_error,
      },
    })),
  );
