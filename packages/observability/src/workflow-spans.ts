import { type Attributes, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { InjectedSinks } from '@temporalio/worker';

/**
 * What a workflow may say about itself on a span: our ids and the shape of its decisions. A
 * closed list, so a careless call cannot put buyer data (names, phones, addresses) on a span:
 * the worker reads these keys and no other.
 */
export interface MilestoneAttributes {
  tenantId: string;
  orderId?: string | undefined;
  supplierId?: string | undefined;
  dispatchId?: string | undefined;
  attempt?: number | undefined;
  candidates?: number | undefined;
  holdCodes?: string[] | undefined;
  outcome?: string | undefined;
  accepted?: boolean | undefined;
}

/** One step of a workflow, timed on the workflow's own clock (deterministic on replay). */
export interface WorkflowMilestone {
  name: string;
  startMs: number;
  endMs: number;
  /** The W3C trace context the workflow's start carried (traceparent, tracestate). */
  trace: Record<string, string>;
  attributes: MilestoneAttributes;
}

/** The sink a workflow records its milestones through (see workflows/src/shared/milestones.ts). */
export type WorkflowSpanSinks = {
  workflowSpans: { record(milestone: WorkflowMilestone): void };
};

const ATTRIBUTE_NAMES: Record<keyof MilestoneAttributes, string> = {
  tenantId: 'switchyard.tenant_id',
  orderId: 'switchyard.order_id',
  supplierId: 'switchyard.supplier_id',
  dispatchId: 'switchyard.dispatch_id',
  attempt: 'switchyard.attempt',
  candidates: 'switchyard.candidates',
  holdCodes: 'switchyard.hold_codes',
  outcome: 'switchyard.outcome',
  accepted: 'switchyard.accepted',
};

// Ids and codes are short; anything longer is not one of them.
const MAX_TEXT = 128;
const CODE = /^[A-Za-z0-9_.:-]+$/;

/** The listed attributes of a milestone, checked for shape; everything else is dropped. */
export function milestoneAttributes(input: unknown): Attributes {
  const attrs: Attributes = {};
  if (!input || typeof input !== 'object') return attrs;
  const rec = input as Record<string, unknown>;
  for (const [key, name] of Object.entries(ATTRIBUTE_NAMES)) {
    const v = rec[key];
    if (typeof v === 'string' && v.length <= MAX_TEXT && CODE.test(v)) attrs[name] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) attrs[name] = v;
    else if (typeof v === 'boolean') attrs[name] = v;
    else if (Array.isArray(v))
      attrs[name] = v.filter(
        (c): c is string => typeof c === 'string' && c.length <= MAX_TEXT && CODE.test(c),
      );
  }
  return attrs;
}

/**
 * The worker's end of the sink: each milestone becomes a span under the trace the workflow's
 * start carried, with the times the workflow gave. Not called while a worker replays history
 * (callDuringReplay false), so a milestone is exported once, when it happens, and a workflow
 * that reached it before this worker took it over is not exported again.
 */
export function workflowSpanSinks(): InjectedSinks<WorkflowSpanSinks> {
  const tracer = trace.getTracer('switchyard-workflows');
  return {
    workflowSpans: {
      record: {
        callDuringReplay: false,
        fn(info, m: WorkflowMilestone) {
          if (!m || typeof m.name !== 'string' || !m.trace) return;
          const parent = propagation.extract(ROOT_CONTEXT, m.trace);
          const span = tracer.startSpan(
            `${info.workflowType}.${m.name}`,
            {
              startTime: m.startMs,
              attributes: {
                ...milestoneAttributes(m.attributes),
                temporalWorkflowId: info.workflowId,
                run_id: info.runId,
              },
            },
            parent,
          );
          span.end(m.endMs);
        },
      },
    },
  };
}
