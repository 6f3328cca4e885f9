import { z } from 'zod';
import { csrfTokenFor } from '../../edge/csrf.ts';
import { publicProcedure } from '../trpc.ts';

const output = z.object({
  /** A live portal session names the caller (tenant, supplier or operator). */
  signedIn: z.boolean(),
  /** Which kind of session: the portal shows that role's pages only; null when signed out. */
  actor: z.enum(['tenant', 'supplier', 'operator']).nullable(),
  /** The session's CSRF token, for the `x-csrf-token` header of every change; null: none. */
  csrfToken: z.string().nullable(),
});

/**
 * The portal's session as the browser holds it. Public on purpose: a signed-out browser learns
 * only that it is signed out. A same-origin read, so another site cannot learn the token.
 */
export const currentSessionProcedure = publicProcedure.output(output).query(({ ctx }) => {
  const actor = ctx.tenantId
    ? 'tenant'
    : ctx.supplierId
      ? 'supplier'
      : ctx.operatorId
        ? 'operator'
        : null;
  const live = Boolean(actor && ctx.session);
  return {
    signedIn: live,
    actor: live ? actor : null,
    csrfToken: live && ctx.session ? csrfTokenFor(ctx.session) : null,
  };
});
