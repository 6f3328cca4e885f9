import { ackOperatorAlert } from '@switchyard/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

/** Alert ids are positive 64-bit integers, sent as strings. */
const input = z.object({ id: z.string().regex(/^[1-9][0-9]{0,17}$/) });
const output = z.object({ id: z.string(), ackedAt: z.string() });

/** An operator has seen to an alert; acknowledging it again keeps the first time. */
export const ackAlertProcedure = operatorProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const row = await ackOperatorAlert(ctx.deps.db, input.id, ctx.operatorId);
    if (!row?.acked_at) throw new AppError('NOT_FOUND', 'no alert with this id');
    return { id: String(row.id), ackedAt: new Date(row.acked_at).toISOString() };
  });
