import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { FileBatchActivities } from './activities.ts';
import type { FileBatchInput } from './messages.ts';

const acts = proxyActivities<FileBatchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Sweeps before the history is started afresh, keeping it short. */
const SWEEPS_PER_RUN = 500;

/**
 * R-RT-2: suppliers without IT get their new dispatches as one CSV file per scheduled slot
 * (09:00 and 15:00 in their own time zone, say), by e-mail or SFTP, and their answer files are
 * picked up from SFTP. The sweep runs every `tickMs`; which slot is due, and whether it was
 * handled, is the database's to say, so a sweep that runs twice sends nothing twice.
 */
export async function fileBatchSweep(input: FileBatchInput): Promise<void> {
  for (let i = 0; i < SWEEPS_PER_RUN; i++) {
    await acts.sweepFileSuppliers();
    await sleep(input.tickMs);
  }
  return continueAsNew<typeof fileBatchSweep>(input);
}
