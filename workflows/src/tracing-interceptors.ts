/**
 * Workflow interceptors for tracing, bundled only when the worker traces (tracingWorkflowModules):
 * the trace context the api's workflow client put on the start (OpenTelemetry's `_tracer-data`
 * header) is copied onto every activity the workflow schedules, so the activity's span and its
 * outbound HTTP continue the api's trace.
 *
 * Deliberately not OpenTelemetry's own workflow interceptors: they wrap each schedule in an
 * async span, and on histories recorded without them (every order running when tracing is
 * turned on) the extra yields reorder timer commands, a nondeterminism error on replay (see
 * replay.integration.test.ts). Copying a header synchronously adds no command and no yield.
 * The workflow's own steps are spans through a sink (shared/milestones.ts), for the same reason.
 */
import {
  type ActivityInput,
  defaultPayloadConverter,
  type LocalActivityInput,
  type Next,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import { setWorkflowTrace } from './shared/milestones.ts';

const TRACE_HEADER = '_tracer-data';

/** The header's W3C carrier; one that cannot be read yields none, never a failed task. */
function carrierOf(header: WorkflowExecuteInput['headers'][string]): Record<string, string> {
  try {
    const carrier = defaultPayloadConverter.fromPayload<unknown>(header);
    if (!carrier || typeof carrier !== 'object') return {};
    return Object.fromEntries(
      Object.entries(carrier).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

export const interceptors = (): WorkflowInterceptors => {
  let trace: WorkflowExecuteInput['headers'][string] | undefined;
  const withTrace = <T extends ActivityInput | LocalActivityInput>(input: T): T =>
    trace && !input.headers[TRACE_HEADER]
      ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: trace } }
      : input;
  const inbound: WorkflowInboundCallsInterceptor = {
    execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>) {
      trace = input.headers[TRACE_HEADER];
      // The same context for the workflow's own milestones (shared/milestones.ts).
      if (trace) setWorkflowTrace(carrierOf(trace));
      return next(input);
    },
  };
  const outbound: WorkflowOutboundCallsInterceptor = {
    scheduleActivity: (input, next) => next(withTrace(input)),
    scheduleLocalActivity: (input, next) => next(withTrace(input)),
  };
  return { inbound: [inbound], outbound: [outbound] };
};
