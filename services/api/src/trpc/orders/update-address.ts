import { MAX_ADDRESS_LINES, MAX_LINE_LENGTH } from '@switchyard/domain';
import { correctOrderAddress } from '@switchyard/workflows';
import { z } from 'zod';
import { tenantProcedure } from '../trpc.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Shape only; the compliance rules (R-CHK-2) run in the re-check, as for any address. */
const address = z.object({
  name: text(200),
  phone: text(32),
  addressLines: z.array(text(MAX_LINE_LENGTH)).min(1).max(MAX_ADDRESS_LINES),
  city: text(100),
  region: z.string().trim().max(100),
  postalCode: text(20),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 country code')
    .transform((c) => c.toUpperCase()),
});

const input = z.object({ id: z.uuid(), address });
const output = z.object({ status: z.literal('rechecking') });

/**
 * The tenant corrects the address of a held order (R-CHK-2); the checks run again. The rules
 * (held orders only, stored encrypted, on the timeline without its values) are the operation's.
 */
export const updateAddressProcedure = tenantProcedure
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    await correctOrderAddress(ctx.deps, ctx.tenantId, {
      orderId: input.id,
      recipient: input.address,
    });
    return { status: 'rechecking' as const };
  });
