import { endSession } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../session-cookie.ts';
import { tenantProcedure } from '../trpc.ts';

const output = z.object({ signedOut: z.boolean() });

/** Ends the portal session: revoked in the database, its cookie cleared. API tokens stay. */
export const signOutProcedure = tenantProcedure.output(output).mutation(async ({ ctx }) => {
  if (!ctx.session) return { signedOut: false };
  await endSession(ctx.deps.db, ctx.tenantId, ctx.session);
  ctx.resHeaders?.append(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`,
  );
  return { signedOut: true };
});
