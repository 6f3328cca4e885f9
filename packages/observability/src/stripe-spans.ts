import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** What the Stripe SDK tells its `response` listeners (stripe-node's ResponseEvent). */
export interface StripeResponseEvent {
  method: string;
  path: string;
  status: number;
  request_id?: string;
  request_start_time: number;
  request_end_time: number;
}

/** The part of a Stripe client this needs: its event emitter. */
export interface StripeEvents {
  on(event: 'response', handler: (e: StripeResponseEvent) => void): unknown;
}

/**
 * A span for every call the Stripe client made, under whatever span was active when its answer
 * came (the activity's or the webhook handler's), timed by the SDK. The SDK talks to Stripe
 * through Node's own http module, which the fetch instrumentation does not see. Only the method,
 * the path without its query and the status are kept: never a body, so no card or buyer data.
 * A call that got no answer (a timeout) emits no event and gets no span; the activity's span
 * records its error.
 */
export function traceStripeCalls(stripe: StripeEvents): void {
  const tracer = trace.getTracer('switchyard-stripe');
  stripe.on('response', (e) => {
    const path = String(e.path).split('?')[0]!;
    const span = tracer.startSpan(`stripe ${e.method} ${path}`, {
      kind: SpanKind.CLIENT,
      startTime: e.request_start_time,
      attributes: {
        'http.request.method': e.method,
        'url.path': path,
        'http.response.status_code': e.status,
        ...(e.request_id && { 'stripe.request_id': e.request_id }),
      },
    });
    if (e.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(e.request_end_time);
  });
}
