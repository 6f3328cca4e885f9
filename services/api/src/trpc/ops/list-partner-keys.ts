import { listPartnerKeys } from '@switchyard/db';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** A supplier's partner keys, newest first: prefixes and dates only, never a secret. */
export const listPartnerKeysProcedure = operatorProcedure
  .input(z.object({ supplierId: z.uuid() }))
  .output(
    z.array(
      z.object({
        id: z.string(),
        prefix: z.string(),
        createdAt: z.string(),
        expiresAt: z.string().nullable(),
        revokedAt: z.string().nullable(),
      }),
    ),
  )
  .query(async ({ ctx, input }) =>
    (await listPartnerKeys(ctx.deps.db, input.supplierId)).map((k) => ({
      id: k.id,
      prefix: k.prefix,
      createdAt: new Date(k.created_at).toISOString(),
      expiresAt: iso(k.expires_at),
      revokedAt: iso(k.revoked_at),
    })),
  );
