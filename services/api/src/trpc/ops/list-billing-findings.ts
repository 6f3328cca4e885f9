import { listBillingFindings } from '@switchyard/db';
import { BILLING_FINDING_KINDS } from '@switchyard/domain';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const input = z
  .object({
    open: z.boolean().default(true),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict()
  .default({ open: true, limit: 100 });

const output = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(BILLING_FINDING_KINDS),
    subject: z.string(),
    tenantId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    resolvedAt: z.string().nullable(),
  }),
);

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Issue 11: the billing reconciliation's report, newest first: what its last runs found wrong
 * (a charge missing, a total off, a close stuck, an unknown Stripe object); `open: false`
 * adds the resolved ones. Each opened finding also raised a `billing_discrepancy` alert.
 */
export const listBillingFindingsProcedure = operatorProcedure
  .input(input)
  .output(output)
  .query(async ({ ctx, input }) =>
    (await listBillingFindings(ctx.deps.db, { open: input.open, limit: input.limit })).map((f) => ({
      id: String(f.id),
      kind: f.kind,
      subject: f.subject,
      tenantId: f.tenant_id,
      detail: f.detail,
      firstSeenAt: iso(f.first_seen_at),
      lastSeenAt: iso(f.last_seen_at),
      resolvedAt: f.resolved_at === null ? null : iso(f.resolved_at),
    })),
  );
