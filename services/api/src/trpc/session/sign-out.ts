import { endActorSession, endSession } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../session-cookie.ts';
import { publicProcedure } from '../trpc.ts';

const output = z.object({ signedOut: z.boolean() });

/**
 * Ends the portal session of whoever holds it (tenant, supplier or operator): revoked in the
 * database, its cookie cleared. API and operator tokens stay; without a session, nothing.
 */
export const signOutProcedure = publicProcedure.output(output).mutation(async ({ ctx }) => {
  if (!ctx.session) return { signedOut: false };
  if (ctx.tenantId) await endSession(ctx.deps.db, ctx.tenantId, ctx.session);
  else await endActorSession(ctx.deps.db, ctx.session);
  ctx.resHeaders?.append(
    'set-cookie',
    `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`,
  );
  return { signedOut: true };
});
