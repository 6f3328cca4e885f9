/**
 * For the replay test: every workflow behaves as if its start carried a trace context, so the
 * milestones of stored histories (recorded untraced) go through the sink while they replay.
 */
import type { WorkflowInterceptors } from '@temporalio/workflow';
import { setWorkflowTrace } from '../shared/milestones.ts';

export const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [
    {
      execute(input, next) {
        setWorkflowTrace({ traceparent: TRACEPARENT });
        return next(input);
      },
    },
  ],
});
