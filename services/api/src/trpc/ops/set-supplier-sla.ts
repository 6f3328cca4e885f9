import { setSupplierSlaPolicy } from '@switchyard/db';
import type { SupplierPolicy } from '@switchyard/domain';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { operatorProcedure } from '../trpc.ts';

const MINUTE = 60_000;
/** A clock in whole minutes within bounds no contract goes beyond; null: the platform's default. */
const minutes = (min: number, max: number) => z.number().int().min(min).max(max).nullable();

const input = z.object({
  supplierId: z.uuid(),
  /** R-SLA-2: the acknowledgement window (5 minutes to a day; default 30 minutes). */
  ackWindowMinutes: minutes(5, 24 * 60),
  /** R-SLA-4: how late tracking may be before the reminder (0 to 48 hours; default 2 hours). */
  reminderAfterDueMinutes: minutes(0, 48 * 60),
  /** After the reminder, until escalation and re-routing (1 hour to 7 days; default a day). */
  escalateAfterReminderMinutes: minutes(60, 7 * 24 * 60),
});

const output = z.object({
  ackWindowMinutes: z.number().nullable(),
  reminderAfterDueMinutes: z.number().nullable(),
  escalateAfterReminderMinutes: z.number().nullable(),
});

/**
 * Sets the clocks a supplier's contract holds it to (R-SLA-2, R-SLA-4): every key, so what is
 * stored is exactly what the operator sent. Orders dispatched to it from then on run on them;
 * orders already with it keep theirs.
 */
export const setSupplierSlaProcedure = operatorProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const ms = (m: number | null) => (m === null ? undefined : m * MINUTE);
    const policy: SupplierPolicy = Object.fromEntries(
      Object.entries({
        ackWindowMs: ms(input.ackWindowMinutes),
        reminderAfterDueMs: ms(input.reminderAfterDueMinutes),
        escalateAfterReminderMs: ms(input.escalateAfterReminderMinutes),
      }).filter(([, v]) => v !== undefined),
    );
    if (!(await setSupplierSlaPolicy(ctx.deps.db, input.supplierId, policy)))
      throw new AppError('NOT_FOUND', 'no supplier with this id');
    ctx.deps.log.info({ operatorId: ctx.operatorId, ...input }, 'supplier SLA policy set');
    const { supplierId: _, ...stored } = input;
    return stored;
  });
