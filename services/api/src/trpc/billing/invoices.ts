import { listInvoicesPage, withTenant } from '@switchyard/db';
import { INVOICE_STATUSES } from '@switchyard/domain';
import { z } from 'zod';
import { mapPage, pageInput, pageOutput } from '../pagination.ts';
import { tenantProcedure } from '../trpc.ts';
import { money, toMoney } from './schemas.ts';

const output = pageOutput(
  z.object({
    id: z.string(),
    /** The month (UTC) the invoice bills, `YYYY-MM`. */
    period: z.string(),
    currency: z.string(),
    status: z.enum(INVOICE_STATUSES),
    /** Stripe's total once finalized, else the ledger's (they are equal after a close). */
    total: money,
    /** Stripe's hosted invoice page and PDF, once Stripe has told us (null before). */
    hostedInvoiceUrl: z.string().nullable(),
    invoicePdf: z.string().nullable(),
    createdAt: z.string(),
  }),
);

/** Only web addresses reach the page as links: nothing stored becomes a `javascript:` href. */
function webUrl(v: string | null): string | null {
  if (!v || !URL.canParse(v)) return null;
  const { protocol } = new URL(v);
  return protocol === 'https:' || protocol === 'http:' ? v : null;
}

/**
 * The invoices the month close recorded for the tenant (one per period and currency), newest
 * first, with Stripe's links where known. RLS scopes the read to the tenant's own rows.
 */
export const invoicesProcedure = tenantProcedure
  .input(z.object(pageInput({ default: 24, max: 100 })).default({ limit: 24 }))
  .output(output)
  .query(async ({ ctx, input }) => {
    const page = await withTenant(ctx.deps.db, ctx.tenantId, (trx) =>
      listInvoicesPage(trx, { ...input, tenantId: ctx.tenantId }),
    );
    return mapPage(page, (r) => ({
      id: String(r.id),
      period: r.period,
      currency: r.currency,
      status: r.status,
      total: toMoney(BigInt(r.stripe_total_minor ?? r.ledger_total_minor), r.currency),
      hostedInvoiceUrl: webUrl(r.hosted_invoice_url),
      invoicePdf: webUrl(r.invoice_pdf),
      createdAt: new Date(r.created_at).toISOString(),
    }));
  });
