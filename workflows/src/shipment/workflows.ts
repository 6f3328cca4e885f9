import { continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { ShipmentActivities } from './activities.ts';
import {
  type FirstScanSweepInput,
  type FirstScanSweepProgress,
  firstScanSweepProgressQuery,
} from './messages.ts';

const acts = proxyActivities<ShipmentActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

// Enough passes per run to keep the history small; then the same input starts afresh.
const PASSES_PER_RUN = 200;

/**
 * R-SLA-1, off the order workflows: every `intervalMs`, parcels pushed back longer ago than
 * the first-scan window with no first scan yet are asked about at their carrier in batches;
 * first scans are recorded, and a parcel still unscanned alerts its tenant and reminds its
 * supplier, once. No timer or activity is added to any order.
 */
export async function firstScanSweep(input: FirstScanSweepInput): Promise<void> {
  const progress: FirstScanSweepProgress = { passes: 0, scanned: 0, alerted: 0, ...input.progress };
  setHandler(firstScanSweepProgressQuery, () => progress);
  for (let i = 0; i < PASSES_PER_RUN; i++) {
    const r = await acts.sweepFirstScans({ firstScanWindowMs: input.firstScanWindowMs });
    progress.scanned += r.scanned;
    progress.alerted += r.alerted;
    progress.passes += 1;
    await sleep(input.intervalMs);
  }
  return continueAsNew<typeof firstScanSweep>({ ...input, progress });
}
