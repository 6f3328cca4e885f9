import { z } from 'zod';
import { csrfTokenFor } from '../../edge/csrf.ts';
import { publicProcedure } from '../trpc.ts';

const output = z.object({
  /** A live portal session names the caller's tenant. */
  signedIn: z.boolean(),
  /** The session's CSRF token, for the `x-csrf-token` header of every change; null: none. */
  csrfToken: z.string().nullable(),
});

/**
 * The portal's session as the browser holds it. Public on purpose: a signed-out browser learns
 * only that it is signed out. A same-origin read, so another site cannot learn the token.
 */
export const currentSessionProcedure = publicProcedure.output(output).query(({ ctx }) => {
  const live = Boolean(ctx.tenantId && ctx.session);
  return { signedIn: live, csrfToken: live && ctx.session ? csrfTokenFor(ctx.session) : null };
});
