/**
 * `pnpm billing:reconcile [--stuck-after-minutes N]`: runs the billing reconciliation now on
 * the billing service's worker (the same workflow as the daily schedule) and prints what it
 * found; the findings are also kept in `billing_findings` and alerted to operators.
 * TEMPORAL_ADDRESS says where Temporal is (`pnpm start` prints it).
 */
import { parseArgs } from 'node:util';
import { runBillingReconcile } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { loadReconcileCommandEnv } from './env.ts';

const { values } = parseArgs({ options: { 'stuck-after-minutes': { type: 'string' } } });
const minutes = values['stuck-after-minutes'];
if (minutes !== undefined && !/^\d{1,6}$/.test(minutes)) {
  console.error('usage: pnpm billing:reconcile [--stuck-after-minutes N]');
  process.exit(2);
}
const env = loadReconcileCommandEnv();
const stuckAfterMs = minutes !== undefined ? Number(minutes) * 60_000 : env.BILLING_STUCK_AFTER_MS;
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
try {
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const result = await runBillingReconcile(
    client,
    stuckAfterMs === undefined ? {} : { stuckAfterMs },
    env.BILLING_TASK_QUEUE,
  );
  if (result.findings.length === 0) console.log('billing reconciliation: nothing found');
  for (const f of result.findings) console.log(`${f.kind}\t${f.subject}`);
  console.log(`${result.findings.length} open, ${result.opened} new`);
  process.exitCode = result.findings.length === 0 ? 0 : 1;
} finally {
  await connection.close();
}
