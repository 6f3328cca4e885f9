import { issuePartnerKey, PARTNER_KEY_OVERLAP_MS } from '@switchyard/auth/credentials';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The first half of a partner key rotation: a new key for the supplier, shown once. The key
 * it held keeps working for `overlapHours` (7 days unless said otherwise; 0 ends it now), or
 * until revoked, so the supplier switches without a moment where nothing works.
 */
export const issuePartnerKeyProcedure = operatorProcedure
  .input(
    z.object({
      supplierId: z.uuid(),
      overlapHours: z
        .number()
        .min(0)
        .max(30 * 24)
        .default(PARTNER_KEY_OVERLAP_MS / HOUR_MS),
    }),
  )
  .output(
    z.object({
      keyId: z.string(),
      partnerKey: z.string(),
      previousKeyExpiresAt: z.string().nullable(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const r = await issuePartnerKey(ctx.deps.db, input.supplierId, {
      overlapMs: input.overlapHours * HOUR_MS,
    });
    if (!r.ok && r.reason === 'SUPPLIER_NOT_FOUND')
      throw new AppError('NOT_FOUND', 'no such supplier');
    if (!r.ok)
      throw new AppError(
        'PARTNER_KEYS_FULL',
        'the supplier holds two live keys already; revoke one first',
      );
    ctx.deps.log.info(
      { operatorId: ctx.operatorId, supplierId: input.supplierId, keyId: r.keyId },
      'partner key issued',
    );
    return {
      keyId: r.keyId,
      partnerKey: r.key,
      previousKeyExpiresAt: r.previousExpireAt?.toISOString() ?? null,
    };
  });
