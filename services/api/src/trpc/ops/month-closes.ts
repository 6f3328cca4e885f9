import { getTenant, listMonthCloses, withTenant } from '@switchyard/db';
import { startMonthClose } from '@switchyard/workflows';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

const closes = z.array(
  z.object({
    tenantId: z.string(),
    tenantName: z.string(),
    period: z.string(),
    currency: z.string(),
    status: z.string(),
    ledgerTotalMinor: z.string(),
    stripeTotalMinor: z.string().nullable(),
    invoiceUrl: z.string().nullable(),
    updatedAt: z.string(),
  }),
);

/** Month closes as their invoices record them, newest period first (at most 200). */
export const listClosesProcedure = operatorProcedure.output(closes).query(async ({ ctx }) =>
  (await listMonthCloses(ctx.deps.db, 200)).map((c) => ({
    tenantId: c.tenant_id,
    tenantName: c.tenant_name,
    period: c.period,
    currency: c.currency,
    status: c.status,
    ledgerTotalMinor: String(c.ledger_total_minor),
    stripeTotalMinor: c.stripe_total_minor === null ? null : String(c.stripe_total_minor),
    invoiceUrl: c.hosted_invoice_url,
    updatedAt: new Date(c.updated_at).toISOString(),
  })),
);

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Starts a tenant's month close for a month that has ended (the scheduled close does every
 * tenant on the 1st): the close workflow runs once per tenant and period, so a second start
 * answers `started: false`. An unknown tenant answers NOT_FOUND.
 */
export const closeMonthProcedure = operatorProcedure
  .input(z.object({ tenantId: z.uuid(), period: z.string().regex(PERIOD, 'YYYY-MM') }))
  .output(z.object({ started: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    if (input.period >= new Date().toISOString().slice(0, 7))
      throw new AppError('BAD_REQUEST', 'only a month that has ended can be closed');
    const tenant = await withTenant(ctx.deps.db, input.tenantId, (trx) =>
      getTenant(trx, input.tenantId),
    );
    if (!tenant) throw new AppError('NOT_FOUND', 'no such tenant');
    const r = await startMonthClose(ctx.deps.temporal, input);
    ctx.deps.log.info({ operatorId: ctx.operatorId, ...input, ...r }, 'month close requested');
    return { started: r.started };
  });
