import { createHttpPushConnector } from '@switchyard/suppliers';
import { redeliverDispatch } from '@switchyard/workflows';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const input = z.object({ dispatchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const output = z.object({
  delivered: z.boolean(),
  /** The supplier's HTTP status; null when it could not be reached. */
  status: z.number().nullable(),
  /** Why the attempt failed (`SUPPLIER_TIMEOUT`, `SUPPLIER_REJECTED` …); null on success. */
  code: z.string().nullable(),
});

const defaultConnector = createHttpPushConnector();

/**
 * Issue 10 item 4: an operator sends a dispatch's current payload to its supplier again, under
 * the same dispatch id (the supplier dedupes by it), logged as an attempt (R-DIAG-2). A closed
 * dispatch, or one of a supplier not pushed to, answers `409 DISPATCH_NOT_DELIVERABLE`; an
 * unknown id `404`. A failed attempt is an answer, not an error: the operator sees the status.
 */
export const redeliverDispatchProcedure = operatorProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const deps = ctx.deps;
    const r = await redeliverDispatch(
      {
        db: deps.db,
        keyring: deps.keyring,
        suppliers: deps.suppliers ?? defaultConnector,
        partnerApiUrl: deps.partnerApiUrl ?? `${ctx.origin}/partner/v1`,
      },
      input.dispatchId,
    );
    deps.log.info({ operatorId: ctx.operatorId, ...input, ...r }, 'dispatch redelivered');
    return r;
  });
