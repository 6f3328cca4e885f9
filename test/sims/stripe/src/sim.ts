import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createStripeApp, type RecordedRequest } from './app.ts';
import { defaultStripeBehaviour, type StripeBehaviour } from './behaviour.ts';
import { createStore, type Store } from './store.ts';
import {
  createWebhookOutbox,
  type Delivery,
  type StripeEvent,
  type WebhookEndpoint,
} from './webhooks.ts';

/** The API version the sim answers as (the SDK's pinned one). */
export const SIM_API_VERSION = '2026-10-28.endive';

export interface StripeSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** Secret keys accepted (`sk_test_…`). */
  apiKeys: readonly string[];
  /** Where events are delivered, signed with its secret; none: events are only stored. */
  webhook?: WebhookEndpoint;
  behaviour?: Partial<StripeBehaviour>;
  /** Unix seconds. */
  now?: () => number;
}

export interface StripeSim {
  url: string;
  host: string;
  port: number;
  /** Mutable: changes apply from the next request. */
  behaviour: StripeBehaviour;
  store: Store;
  events(): StripeEvent[];
  deliveries(): Delivery[];
  setWebhook(endpoint: WebhookEndpoint | null): void;
  /** Resolves once every webhook delivery has succeeded or given up. */
  webhooksIdle(): Promise<void>;
  /** Every `/v1` request, in order. */
  requests(): RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a stateful Stripe on a real port for the `stripe` SDK
 * (`new Stripe(key, { host, port, protocol: 'http' })`).
 *
 * @example
 * const sim = await startStripeSim({ apiKeys: ['sk_test_123'] });
 * const stripe = new Stripe('sk_test_123', { host: sim.host, port: sim.port, protocol: 'http' });
 */
export async function startStripeSim(opts: StripeSimOptions): Promise<StripeSim> {
  if (opts.apiKeys.length === 0 || opts.apiKeys.some((k) => !/^sk_test_\w{4,}$/.test(k)))
    throw new Error('the Stripe sim needs sk_test_ keys');
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  const behaviour: StripeBehaviour = { ...defaultStripeBehaviour, ...opts.behaviour };
  const lifetime = new AbortController();
  // Every held request and pending webhook retry listens for the sim's end.
  setMaxListeners(0, lifetime.signal);
  const webhook = { current: opts.webhook ?? null };
  const store = createStore();
  const recorded: RecordedRequest[] = [];
  const events = createWebhookOutbox({
    endpoint: () => webhook.current,
    retryDelaysMs: () => behaviour.webhookRetryDelaysMs,
    nowSeconds: now,
    apiVersion: SIM_API_VERSION,
    signal: lifetime.signal,
  });
  let baseUrl = '';
  const app = createStripeApp({
    store,
    events,
    behaviour,
    apiKeys: opts.apiKeys,
    now,
    baseUrl: () => baseUrl,
    webhook,
    signal: lifetime.signal,
    record: (r) => {
      recorded.push(r);
      // A long demo run keeps the recent past only.
      if (recorded.length > 20_000) recorded.splice(0, recorded.length - 20_000);
    },
    requests: () => recorded.map((r) => ({ ...r })),
  });
  const hostname = opts.hostname ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
      s.once('error', reject);
    },
  );
  const host = hostname === '0.0.0.0' ? '127.0.0.1' : hostname;
  baseUrl = `http://${host}:${port}`;
  return {
    url: baseUrl,
    host,
    port,
    behaviour,
    store,
    events: () => [...events.events],
    deliveries: () => [...events.deliveries],
    setWebhook: (endpoint) => {
      webhook.current = endpoint;
    },
    webhooksIdle: () => events.idle(),
    requests: () => recorded.map((r) => ({ ...r })),
    async close() {
      lifetime.abort(new Error('Stripe sim closed'));
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
