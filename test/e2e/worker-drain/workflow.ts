import { proxyActivities } from '@temporalio/workflow';

const { slowStep } = proxyActivities<{ slowStep(): Promise<string> }>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 1 },
});

/** One activity that is still running when the worker is told to stop. */
export async function drainProbe(): Promise<string> {
  return slowStep();
}
