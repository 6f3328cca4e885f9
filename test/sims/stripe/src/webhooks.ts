import { createHmac } from 'node:crypto';
import { newId } from './store.ts';

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  type: string;
  data: { object: unknown };
  request: { id: string | null; idempotency_key: string | null };
}

export interface WebhookEndpoint {
  url: string;
  /** `whsec_…`: the whole string is the HMAC key, as Stripe's libraries use it. */
  secret: string;
}

export interface Delivery {
  eventId: string;
  type: string;
  attempt: number;
  /** HTTP status, or null when the endpoint could not be reached. */
  status: number | null;
}

/** Stripe's `Stripe-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`. */
export function signPayload(payload: string, secret: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export interface WebhookOutbox {
  events: StripeEvent[];
  deliveries: Delivery[];
  emit(type: string, object: unknown, request?: StripeEvent['request']): StripeEvent;
  /** Sends an event again, as the Dashboard's "resend" does. */
  resend(eventId: string): boolean;
  /** Resolves once no delivery is pending or waiting for a retry. */
  idle(): Promise<void>;
}

/**
 * Events and their signed delivery to the configured endpoint. A non-2xx answer or a network
 * error is retried after each of `retryDelaysMs` in turn (Stripe backs off over three days; a
 * test shortens that), then given up.
 */
export function createWebhookOutbox(opts: {
  endpoint: () => WebhookEndpoint | null;
  retryDelaysMs: () => readonly number[];
  nowSeconds: () => number;
  apiVersion: string;
  signal: AbortSignal;
}): WebhookOutbox {
  const events: StripeEvent[] = [];
  const deliveries: Delivery[] = [];
  let pending = 0;
  const waiters: Array<() => void> = [];
  const settle = () => {
    pending--;
    if (pending === 0) for (const w of waiters.splice(0)) w();
  };

  async function deliver(event: StripeEvent, attempt: number): Promise<void> {
    const endpoint = opts.endpoint();
    if (!endpoint || opts.signal.aborted) return settle();
    const payload = JSON.stringify(event, null, 2);
    let status: number | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signPayload(payload, endpoint.secret, opts.nowSeconds()),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.any([opts.signal, AbortSignal.timeout(30_000)]),
      });
      status = res.status;
      await res.body?.cancel();
    } catch {
      status = null;
    }
    deliveries.push({ eventId: event.id, type: event.type, attempt, status });
    const delay = opts.retryDelaysMs()[attempt - 1];
    if (status !== null && status >= 200 && status < 300) return settle();
    if (delay === undefined || opts.signal.aborted) return settle();
    let fired = false;
    const t = setTimeout(() => {
      fired = true;
      void deliver(event, attempt + 1);
    }, delay);
    opts.signal.addEventListener(
      'abort',
      () => {
        if (fired) return;
        clearTimeout(t);
        settle();
      },
      { once: true },
    );
  }

  const send = (event: StripeEvent) => {
    pending++;
    void deliver(event, 1);
  };

  return {
    events,
    deliveries,
    emit(type, object, request = { id: null, idempotency_key: null }) {
      const event: StripeEvent = {
        id: newId('evt'),
        object: 'event',
        api_version: opts.apiVersion,
        created: opts.nowSeconds(),
        livemode: false,
        pending_webhooks: opts.endpoint() ? 1 : 0,
        type,
        // A snapshot: later changes to the object do not change the event.
        data: { object: structuredClone(object) },
        request,
      };
      events.push(event);
      send(event);
      return event;
    },
    resend(eventId) {
      const event = events.find((e) => e.id === eventId);
      if (!event) return false;
      send(event);
      return true;
    },
    idle() {
      return pending === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r));
    },
  };
}
