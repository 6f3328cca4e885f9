/**
 * Workflow code's end of the workflow-spans sink (@switchyard/observability/workflow-spans): a
 * milestone of a traced workflow becomes a span in the trace its start carried.
 *
 * Replay-safe by construction: a sink call is synchronous and adds no command and no yield, its
 * times are the workflow's own clock, and the worker does not call it while replaying. Nothing
 * is recorded unless the tracing interceptors (tracing-interceptors.ts) found a trace context on
 * the start: a worker that does not trace registers no sink and hears of none.
 */
import type {
  MilestoneAttributes,
  WorkflowSpanSinks,
} from '@switchyard/observability/workflow-spans';
import { proxySinks } from '@temporalio/workflow';

// Per workflow: the SDK gives each workflow its own global properties, whereas module state
// is shared by every workflow of a reused sandbox.
const TRACE_KEY = '__switchyardTraceContext';

type TraceHolder = { [TRACE_KEY]?: Record<string, string> };

/** Called by the tracing interceptors with the W3C carrier the workflow's start carried. */
export function setWorkflowTrace(carrier: Record<string, string>): void {
  (globalThis as TraceHolder)[TRACE_KEY] = carrier;
}

const { workflowSpans } = proxySinks<WorkflowSpanSinks>();

/** Records a step that ran from `startMs` until now (workflow time) on the workflow's trace. */
export function milestone(name: string, startMs: number, attributes: MilestoneAttributes): void {
  const trace = (globalThis as TraceHolder)[TRACE_KEY];
  if (!trace?.traceparent) return;
  workflowSpans.record({ name, startMs, endMs: Date.now(), trace, attributes });
}
