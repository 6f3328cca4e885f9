import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSupplierApp } from './app.ts';
import { defaultBehaviour, type SupplierBehaviour } from './behaviour.ts';
import type { CarrierAccount } from './carrier-labels.ts';
import { createPartnerClient, type PartnerCall } from './partner-client.ts';
import { keyFromSecret } from './signature.ts';
import {
  createSupplier,
  type PrintedLabel,
  type ReceivedDispatch,
  type ReceivedNotice,
  type ShippedDispatch,
} from './supplier.ts';
import type { Rng } from './tracking.ts';

export interface SupplierSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  hostname?: string;
  /** `whsec_…` shared with the platform; verifies inbound dispatches. */
  signingSecret: string;
  /** e.g. `http://127.0.0.1:PORT/partner/v1`; empty falls back to the payload's callback_base_url. */
  partnerApiUrl: string;
  /** Bearer key for the partner API. */
  partnerKey: string;
  /** The carrier account labels are created at (R-TRK-2); absent, none are created. */
  carrierApi?: CarrierAccount;
  behaviour?: Partial<SupplierBehaviour>;
  now?: () => number;
  /** Drives fail rate and tracking numbers; inject for reproducible runs. */
  rng?: Rng;
  fetch?: typeof globalThis.fetch;
}

export interface SupplierSim {
  /** Base URL; the platform POSTs dispatches to `${url}/dispatches`. */
  url: string;
  setPartnerApi(url: string, key: string): void;
  /** Where labels are created from now on. */
  setCarrierApi(account: CarrierAccount | undefined): void;
  /** Mutable: changes apply to dispatches received afterwards. */
  behaviour: SupplierBehaviour;
  received(): ReceivedDispatch[];
  shipped(): ShippedDispatch[];
  /** Platform labels it downloaded to print (TikTok Shipping orders). */
  printed(): PrintedLabel[];
  /** Notices the platform sent (tracking rejected, first scan missing), deduped by webhook id. */
  notices(): ReceivedNotice[];
  /** Every attempt it made against the partner API, retries included. */
  callLog(): PartnerCall[];
  close(): Promise<void>;
}

/**
 * Starts a fake supplier (factory or cloud warehouse with an IT system) on a real port.
 *
 * @example
 * const sim = await startSupplierSim({ signingSecret, partnerApiUrl, partnerKey });
 * await connector.dispatch({ endpointUrl: `${sim.url}/dispatches`, signingSecret }, payload);
 */
export async function startSupplierSim(opts: SupplierSimOptions): Promise<SupplierSim> {
  keyFromSecret(opts.signingSecret);
  const now = opts.now ?? Date.now;
  const rng = opts.rng ?? Math.random;
  const behaviour: SupplierBehaviour = { ...defaultBehaviour, ...opts.behaviour };
  const partnerApi = { url: opts.partnerApiUrl, key: opts.partnerKey };
  const calls: PartnerCall[] = [];
  const lifetime = new AbortController();

  const partner = createPartnerClient({
    fetch: opts.fetch ?? globalThis.fetch,
    now,
    config: () => partnerApi,
    log: (call) => calls.push(call),
    signal: lifetime.signal,
    maxAttempts: () => behaviour.callbackAttempts,
  });
  let carrierApi = opts.carrierApi;
  const supplier = createSupplier({
    behaviour,
    partner,
    now,
    rng,
    signal: lifetime.signal,
    carrier: () => carrierApi,
  });
  const app = createSupplierApp({
    supplier,
    behaviour,
    signingSecret: opts.signingSecret,
    calls: () => calls.map((c) => ({ ...c })),
    now,
    rng,
    signal: lifetime.signal,
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
    setPartnerApi(url, key) {
      partnerApi.url = url;
      partnerApi.key = key;
    },
    setCarrierApi(account) {
      carrierApi = account;
    },
    behaviour,
    received: supplier.received,
    shipped: supplier.shipped,
    printed: supplier.printed,
    notices: supplier.notices,
    callLog: () => calls.map((c) => ({ ...c })),
    async close() {
      lifetime.abort(new Error('supplier sim closed'));
      await supplier.idle();
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
