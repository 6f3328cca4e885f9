/**
 * `pnpm temporal:namespace`: registers the Temporal namespace the services use, on a Temporal
 * server whose schema job has run (the compose deployment's one-off job; the Helm chart does it
 * itself). A namespace that exists already is left as it is.
 *   TEMPORAL_ADDRESS=temporal:7233 TEMPORAL_NAMESPACE=default pnpm temporal:namespace
 */
import { Connection } from '@temporalio/client';
import Long from 'long';
import { z } from 'zod';

const env = z
  .object({
    TEMPORAL_ADDRESS: z.string().min(1),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    /** How long closed workflows keep their histories in Temporal. */
    TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).default(3),
  })
  .parse(process.env);
const ALREADY_EXISTS = 6;

const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
try {
  await connection.workflowService
    .registerNamespace({
      namespace: env.TEMPORAL_NAMESPACE,
      workflowExecutionRetentionPeriod: {
        seconds: Long.fromNumber(env.TEMPORAL_RETENTION_DAYS * 24 * 3600),
      },
    })
    .then(
      () => console.log(JSON.stringify({ msg: 'namespace registered', ...env })),
      (err: { code?: number }) => {
        if (err.code !== ALREADY_EXISTS) throw err;
        console.log(JSON.stringify({ msg: 'namespace exists', namespace: env.TEMPORAL_NAMESPACE }));
      },
    );
} finally {
  await connection.close();
}
