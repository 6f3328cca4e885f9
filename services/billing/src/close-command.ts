/**
 * `pnpm billing:close --tenant <uuid> --period YYYY-MM`: runs one tenant's month close (or
 * joins the one already started for that period) on the billing service's worker and prints
 * its invoices. TEMPORAL_ADDRESS says where Temporal is (`pnpm start` prints it).
 */
import { parseArgs } from 'node:util';
import { PERIOD_PATTERN } from '@switchyard/domain';
import { runMonthClose } from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { loadCloseCommandEnv } from './env.ts';

const { values } = parseArgs({
  options: { tenant: { type: 'string' }, period: { type: 'string' } },
});
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
if (
  !values.tenant ||
  !uuid.test(values.tenant) ||
  !values.period ||
  !PERIOD_PATTERN.test(values.period)
) {
  console.error('usage: pnpm billing:close --tenant <tenant uuid> --period YYYY-MM');
  process.exit(2);
}
const env = loadCloseCommandEnv();
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
try {
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const result = await runMonthClose(
    client,
    { tenantId: values.tenant, period: values.period },
    env.BILLING_TASK_QUEUE,
  );
  if (result.invoices.length === 0) console.log(`${result.period}: nothing to invoice`);
  for (const inv of result.invoices)
    console.log(
      `${result.period} ${inv.currency}: invoice ${inv.invoiceId} ${inv.number ?? ''} ${inv.status}, total ${inv.totalMinor} (minor units)`,
    );
} finally {
  await connection.close();
}
