import { type Attributes, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type {
  ActivityInboundCallsInterceptor,
  ActivityInterceptorsFactory,
  WorkerOptions,
} from '@temporalio/worker';
import { workflowSpanSinks } from './workflow-spans.ts';

export { traceStripeCalls } from './stripe-spans.ts';

export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for this process: a tracer provider whose spans go to the OTLP/HTTP endpoint
 * (JSON, `${url}/v1/traces`), W3C trace context, and spans for outbound fetch (undici) with
 * the query string cut from the URL (signatures, keys). Only called when configured.
 */
export function startTracing(opts: {
  serviceName: string;
  /** The collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT names it. */
  url?: string;
  exporter?: SpanExporter;
}): Tracing {
  const resource = new Resource({ 'service.name': opts.serviceName });
  const exporter =
    opts.exporter ??
    new OTLPTraceExporter({ url: `${(opts.url ?? '').replace(/\/$/, '')}/v1/traces` });
  const spanProcessor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register();
  const instrumentations = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new UndiciInstrumentation({
        requestHook: (span, request) => {
          span.setAttribute('url.full', `${request.origin}${request.path.split('?')[0]}`);
          span.setAttribute('url.query', '');
        },
      }),
    ],
  });
  return {
    resource,
    spanProcessor,
    async shutdown() {
      instrumentations();
      await provider.shutdown();
    },
  };
}

// Identifiers a workflow or activity input may carry: ours and the marketplace's, never buyer data.
const ID_ATTRIBUTES: Record<string, string> = {
  tenantId: 'switchyard.tenant_id',
  orderId: 'switchyard.order_id',
  platformOrderId: 'switchyard.platform_order_id',
  shopId: 'switchyard.shop_id',
  // A month close's (billing): the period and currency of its invoice.
  period: 'switchyard.period',
  currency: 'switchyard.currency',
};

/** The ids in an input, as span attributes; nothing else of the input is read. */
export function idAttributes(input: unknown): Attributes {
  const attrs: Attributes = {};
  if (!input || typeof input !== 'object') return attrs;
  const rec = input as Record<string, unknown>;
  for (const [key, attr] of Object.entries(ID_ATTRIBUTES)) {
    const v = rec[key];
    if (typeof v === 'string' && v.length <= 128) attrs[attr] = v;
  }
  // The order an order step names, the close a billing step names (its `ref`).
  for (const inner of [rec.order, rec.ref])
    if (inner && typeof inner === 'object' && inner !== input)
      for (const [k, v] of Object.entries(idAttributes(inner))) attrs[k] ??= v;
  return attrs;
}

type ActivityContext = Parameters<ActivityInterceptorsFactory>[0];

/** Tags the span of the call in progress with the ids of its first argument. */
const tagIds = (args: readonly unknown[]) =>
  trace.getActiveSpan()?.setAttributes(idAttributes(args[0]));

/** Client interceptors: the StartWorkflow/SignalWithStart span, tagged with tenant and order. */
export function tracingClientInterceptors(): { workflow: WorkflowClientInterceptor[] } {
  return {
    workflow: [
      new OpenTelemetryWorkflowClientInterceptor(),
      {
        start: (input, next) => {
          tagIds(input.options.args ?? []);
          return next(input);
        },
        signalWithStart: (input, next) => {
          tagIds(input.options.args ?? []);
          return next(input);
        },
      },
    ],
  };
}

/**
 * Worker options for tracing: OTel's activity interceptors (a RunActivity span continuing the
 * trace the workflow passed on in the activity's headers, outbound fetch under it), ours
 * tagging it with tenant and order, and the workflow interceptors module that passes it on
 * (@switchyard/workflows tracingWorkflowModules; a prebuilt bundle must have been built with it),
 * and the sink through which workflows record their milestones as spans (workflow-spans.ts).
 */
export function tracingWorkerOptions(
  workflowModules: string[],
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const tagger = (ctx: ActivityContext): ActivityInboundCallsInterceptor => ({
    execute: (input, next) => {
      tagIds(input.args);
      // A month close is one workflow per tenant and period: its id names the close.
      const { workflowType, workflowExecution } = ctx.info;
      if (workflowType === 'monthClose' && workflowExecution)
        trace.getActiveSpan()?.setAttribute('switchyard.close_id', workflowExecution.workflowId);
      return next(input);
    },
  });
  return {
    interceptors: {
      workflowModules,
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
        (ctx) => ({ inbound: tagger(ctx) }),
      ],
    },
    sinks: workflowSpanSinks(),
  };
}
