import { listApiTokens, withTenant } from '@switchyard/db';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The tenant's API tokens: name and recognisable prefix, never the secret. */
export const listApiTokensProcedure = tenantProcedure
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          prefix: z.string(),
          createdAt: z.string(),
          revokedAt: z.string().nullable(),
        }),
      ),
    }),
  )
  .query(async ({ ctx }) => {
    const rows = await withTenant(ctx.deps.db, ctx.tenantId, (trx) => listApiTokens(trx));
    return {
      items: rows.map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        createdAt: iso(t.created_at)!,
        revokedAt: iso(t.revoked_at),
      })),
    };
  });
