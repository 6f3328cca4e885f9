import { recheckSignal } from '@switchyard/workflows';
import type { ApiDeps } from '../../deps.ts';

// Enough parallelism for a tenant with many held orders, without flooding the frontend.
const CONCURRENCY = 16;

/**
 * Asks each order's workflow to run the checks again (the tenant fixed a mapping or an
 * address). Call it after the fix is committed, or the re-check may read the old data. A
 * workflow that no longer exists has nothing to re-check. Returns how many were signalled.
 */
export async function signalRecheck(deps: ApiDeps, workflowIds: readonly string[]) {
  let signalled = 0;
  for (let i = 0; i < workflowIds.length; i += CONCURRENCY) {
    const batch = workflowIds.slice(i, i + CONCURRENCY);
    const sent = await Promise.all(
      batch.map((id) =>
        deps.temporal.workflow
          .getHandle(id)
          .signal(recheckSignal)
          .then(
            () => true,
            (err: Error) => {
              if (err.name === 'WorkflowNotFoundError') return false;
              throw err;
            },
          ),
      ),
    );
    signalled += sent.filter(Boolean).length;
  }
  return signalled;
}
