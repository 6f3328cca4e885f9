import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CarrierAccount } from '../carrier-labels.ts';
import { createPartnerClient, type PartnerCall } from '../partner-client.ts';
import { inboundNoticeSchema, messageType, parseInboundDispatch } from '../payload.ts';
import { checkDispatchSignature, keyFromSecret } from '../signature.ts';
import { createDesk, type Desk, type DeskStats } from './desk.ts';
import { type SupplierProfile, supplierProfileSchema } from './profile.ts';
import { startPuller } from './puller.ts';

export interface SupplierNetworkOptions {
  /** Every simulated supplier; codes unique. */
  suppliers: SupplierProfile[];
  /** Same seed, same orders: same decisions by every supplier. */
  seed: number;
  /** Simulated ms per real ms (1 for real time; 1,800 for an hour in two seconds). */
  timeScale?: number;
  /** `…/partner/v1`; may be set later with `connect`. */
  partnerApiUrl?: string;
  /** Where suppliers print labels (R-TRK-2); absent, the carrier never hears of their numbers. */
  carrierApi?: CarrierAccount;
  fetch?: typeof globalThis.fetch;
}

/** One simulated supplier as the platform's registry needs to know it. */
export interface NetworkSupplier {
  code: string;
  connector: SupplierProfile['connector'];
  /** Where a push supplier takes our webhook. */
  endpointUrl: string;
  /** `whsec_…` for push signatures; the registry stores it. */
  signingSecret: string;
  /** Once registered: where the partner API is and the key it issued. */
  connect(partnerApiUrl: string, partnerKey: string): void;
  stats(): DeskStats;
  callLog(): PartnerCall[];
  desk: Desk;
}

export interface SupplierNetwork {
  url: string;
  suppliers: NetworkSupplier[];
  get(code: string): NetworkSupplier;
  /** Totals over every supplier. */
  stats(): DeskStats;
  /** Waits for every started plan to finish (or be cut short by `close`). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024;
/** A pull supplier never polls more often than this, whatever the time scale. */
const MIN_POLL_MS = 50;
const MINUTE = 60_000;

/**
 * Many simulated suppliers at once (issue 10 item 9), each connecting as a real one would:
 * `push` suppliers take our signed webhook at `/s/{code}/dispatches` on one listening server
 * and answer on the partner API; `pull` suppliers poll `GET /partner/v1/dispatches` with
 * their key and answer the same way. Each decides per order from its profile's distributions,
 * seeded by (seed, supplier, order), so a run is reproducible.
 */
export async function startSupplierNetwork(opts: SupplierNetworkOptions): Promise<SupplierNetwork> {
  const profiles = opts.suppliers.map((s) => supplierProfileSchema.parse(s));
  if (new Set(profiles.map((p) => p.code)).size !== profiles.length)
    throw new Error('supplier codes must be unique');
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error('timeScale must be positive');
  const doFetch = opts.fetch ?? globalThis.fetch;
  const lifetime = new AbortController();
  // Every call in flight listens for the network closing; there are many at once.
  setMaxListeners(0, lifetime.signal);
  const pullers: Promise<void>[] = [];
  const app = new Hono();
  let baseUrl = '';

  const suppliers = profiles.map((profile): NetworkSupplier => {
    const partnerApi = { url: opts.partnerApiUrl ?? '', key: '' };
    const calls: PartnerCall[] = [];
    let pulling = false;
    const signingSecret = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
    keyFromSecret(signingSecret);
    const partner = createPartnerClient({
      fetch: doFetch,
      now: Date.now,
      config: () => partnerApi,
      log: (c) => calls.push(c),
      signal: lifetime.signal,
      // An ERP's outbox: a message the platform cannot take now (429, 5xx) is sent again for
      // about an hour, backing off to ten minutes, before a person is asked to look. In
      // simulated time, as every other wait of the supplier's.
      maxAttempts: 12,
      backoffMs: (retry) => Math.min(10 * MINUTE, 30_000 * 2 ** (retry - 1)),
      maxBackoffMs: 10 * MINUTE,
      retryAfter: 'floor',
      timeScale,
    });
    const desk = createDesk({
      profile,
      seed: opts.seed,
      timeScale,
      partner,
      carrier: () => opts.carrierApi,
      now: Date.now,
      signal: lifetime.signal,
    });
    return {
      code: profile.code,
      connector: profile.connector,
      get endpointUrl() {
        return `${baseUrl}/s/${profile.code}/dispatches`;
      },
      signingSecret,
      connect(url, key) {
        partnerApi.url = url;
        partnerApi.key = key;
        if (profile.connector !== 'pull' || pulling) return;
        pulling = true;
        pullers.push(
          startPuller({
            desk,
            fetch: doFetch,
            config: () => partnerApi,
            everyMs: Math.max(MIN_POLL_MS, profile.pollEveryMs / timeScale),
            signal: lifetime.signal,
          }),
        );
      },
      stats: desk.stats,
      callLog: () => calls.map((c) => ({ ...c })),
      desk,
    };
  });
  const byCode = new Map(suppliers.map((s) => [s.code, s]));
  const seenWebhooks = new Set<string>();

  app.post(
    '/s/:code/dispatches',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE' } }, 413),
    }),
    async (c) => {
      const s = byCode.get(c.req.param('code'));
      if (s?.connector !== 'push') return c.json({ error: { code: 'NOT_FOUND' } }, 404);
      const raw = await c.req.text();
      const check = checkDispatchSignature(s.signingSecret, c.req.raw.headers, raw, Date.now());
      if (!check.ok) return c.json({ error: { code: 'INVALID_SIGNATURE' } }, 401);
      const type = messageType(raw);
      if (type === 'tracking.rejected' || type === 'shipment.first_scan_missing') {
        const n = inboundNoticeSchema.safeParse(JSON.parse(raw));
        if (!n.success) return c.json({ error: { code: 'INVALID_PAYLOAD' } }, 400);
        if (n.data.type === 'tracking.rejected' && !seenWebhooks.has(check.id))
          s.desk.reship(n.data.dispatch_id, n.data.notice_id, '');
        seenWebhooks.add(check.id);
        return c.json({ status: 'noted' }, 200);
      }
      const parsed = parseInboundDispatch(raw);
      if (!parsed.ok) return c.json({ error: { code: 'INVALID_PAYLOAD' } }, 400);
      const fresh = s.desk.take(parsed.dispatch);
      return c.json(
        { status: fresh ? 'accepted' : 'duplicate', dispatch_id: parsed.dispatch.dispatch_id },
        fresh ? 202 : 200,
      );
    },
  );
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND' } }, 404));

  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (i: AddressInfo) =>
        resolve({ server: s, port: i.port }),
      );
      s.once('error', reject);
    },
  );
  baseUrl = `http://127.0.0.1:${port}`;

  const total = (): DeskStats => {
    const sum = {} as Record<keyof DeskStats, number>;
    for (const s of suppliers)
      for (const [k, v] of Object.entries(s.stats()) as Array<[keyof DeskStats, number]>)
        sum[k] = (sum[k] ?? 0) + v;
    return sum;
  };

  return {
    url: baseUrl,
    suppliers,
    get(code) {
      const s = byCode.get(code);
      if (!s) throw new Error(`no simulated supplier ${code}`);
      return s;
    },
    stats: total,
    idle: () => Promise.all(suppliers.map((s) => s.desk.idle())).then(() => undefined),
    async close() {
      lifetime.abort(new Error('supplier network closed'));
      await Promise.all([...suppliers.map((s) => s.desk.idle()), ...pullers]);
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
