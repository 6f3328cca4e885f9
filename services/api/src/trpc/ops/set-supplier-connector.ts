import { setSupplierConnector } from '@switchyard/onboarding';
import { z } from 'zod';
import { operatorProcedure } from '../trpc.ts';

const schedule = z.array(z.string().max(5)).min(1).max(24);
const input = z.object({
  supplierId: z.uuid(),
  connector: z.discriminatedUnion('kind', [
    z.object({ kind: z.enum(['api_push', 'api_pull']) }),
    z.object({ kind: z.literal('file_email'), schedule, email: z.string().max(254) }),
    z.object({
      kind: z.literal('file_sftp'),
      schedule,
      sftp: z.object({
        host: z.string().max(253),
        port: z.int().min(1).max(65535).optional(),
        user: z.string().max(64),
        password: z.string().min(1).max(200).optional(),
        privateKey: z.string().min(1).max(16_384).optional(),
        hostKeySha256: z.string().max(60),
        uploadDir: z.string().max(255),
        outboxDir: z.string().max(255),
      }),
    }),
  ]),
});

/**
 * R-RT-2: an operator sets how a supplier is reached: API push or pull, or CSV batches on its
 * schedule by e-mail or SFTP. The SFTP secret is stored encrypted and never echoed back.
 */
export const setSupplierConnectorProcedure = operatorProcedure
  .input(input)
  .output(z.object({ supplierId: z.string(), connector: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await setSupplierConnector(ctx.deps, input.supplierId, input.connector);
    ctx.deps.log.info(
      { operatorId: ctx.operatorId, supplierId: input.supplierId, connector: input.connector.kind },
      'supplier connector set',
    );
    return { supplierId: input.supplierId, connector: input.connector.kind };
  });
