import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCarrierApp, type RequestLogEntry } from './app.ts';
import { type CarrierBehaviour, defaultCarrierBehaviour } from './behaviour.ts';
import { createLabelBook } from './labels.ts';

export interface CarrierSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** Keys accepted in `X-Api-Key`: the platform's, and the shippers' that create labels. */
  apiKeys: readonly string[];
  behaviour?: Partial<CarrierBehaviour>;
  now?: () => number;
  rng?: () => number;
}

export interface CarrierSim {
  url: string;
  /** Mutable: changes apply to requests and labels from now on. */
  behaviour: CarrierBehaviour;
  /** Every request to `/v1`, with the status and error code it got. */
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

/**
 * Starts a fake carrier-tracking service on a real port: it knows the labels shippers created,
 * scans them after a delay (or never), and fails, hangs or rate-limits on command.
 *
 * @example
 * const carrier = await startCarrierSim({ apiKeys: ['ck_test'] });
 * await fetch(`${carrier.url}/v1/labels`, { method: 'POST', headers: { 'x-api-key': 'ck_test' }, … });
 */
export async function startCarrierSim(opts: CarrierSimOptions): Promise<CarrierSim> {
  if (opts.apiKeys.length === 0 || opts.apiKeys.some((k) => k.length < 8))
    throw new Error('carrier sim needs API keys of at least 8 characters');
  const now = opts.now ?? Date.now;
  const behaviour: CarrierBehaviour = { ...defaultCarrierBehaviour, ...opts.behaviour };
  const lifetime = new AbortController();
  const requests: RequestLogEntry[] = [];
  const labels = createLabelBook({ now, rng: opts.rng ?? Math.random });
  const app = createCarrierApp({
    labels,
    behaviour,
    apiKeys: opts.apiKeys,
    now,
    signal: lifetime.signal,
    log: (e) => {
      requests.push(e);
      // A long demo run keeps the recent past only.
      if (requests.length > 10_000) requests.splice(0, requests.length - 10_000);
    },
    requests: () => requests.map((r) => ({ ...r })),
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
  const urlHost = hostname === '0.0.0.0' ? '127.0.0.1' : hostname;
  return {
    url: `http://${urlHost}:${port}`,
    behaviour,
    requests: () => requests.map((r) => ({ ...r })),
    async close() {
      lifetime.abort(new Error('carrier sim closed'));
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
