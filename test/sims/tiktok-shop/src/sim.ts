import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CODES, SimApiError } from './api-error.ts';
import { AuthStore } from './auth-store.ts';
import { SimClock } from './clock.ts';
import { errorHandler, type SimCore, type SimEnv } from './core.ts';
import { Fulfillment } from './fulfillment.ts';
import { Labels } from './labels.ts';
import { OrderStore } from './order-store.ts';
import { RateLimiter } from './rate-limit.ts';
import { Rng } from './rng.ts';
import { authRoutes } from './routes-auth.ts';
import { controlRoutes } from './routes-control.ts';
import { oauthRoutes } from './routes-oauth.ts';
import { openApiRoutes } from './routes-open-api.ts';
import type { TikTokShopSim, TikTokShopSimOptions } from './sim-api.ts';
import type { SimFaults } from './types.ts';
import { DEFAULT_WEBHOOK_SCHEDULE_MS, WebhookEmitter } from './webhooks.ts';

export type { TikTokShopSim, TikTokShopSimOptions } from './sim-api.ts';

const clone = <T>(v: T): T => structuredClone(v);

/** Labels TikTok buys are the carrier's: it learns their numbers (the carrier sim's label API). */
function carrierRegistrar(api: TikTokShopSimOptions['carrierApi']) {
  if (!api) return undefined;
  return async (carrier: string, trackingNumber: string) => {
    const res = await fetch(`${api.url}/v1/labels`, {
      method: 'POST',
      headers: { 'x-api-key': api.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ carrier, tracking_number: trackingNumber }),
    });
    if (res.status !== 200 && res.status !== 201)
      throw new SimApiError(CODES.INTERNAL, `carrier refused the label: HTTP ${res.status}`, 500);
  };
}

/** Starts the TikTok Shop simulator on a real port (open API, auth host, consent page, control API). */
export async function startTikTokShopSim(opts: TikTokShopSimOptions): Promise<TikTokShopSim> {
  const seed = opts.seed ?? randomInt(1, 2 ** 31);
  const clock = new SimClock(opts.now ?? Date.now);
  const rng = new Rng(seed);
  const faultRng = new Rng(seed ^ 0x5eed);
  const faults: SimFaults = {
    dropWebhookRate: 0,
    duplicateWebhookRate: 0,
    failRate: 0,
    latencyMs: 0,
    ...opts.faults,
  };
  // Mutable at runtime via setWebhookUrl, read by the emitter on every delivery.
  let webhookUrl = opts.webhookUrl;
  const webhooks = new WebhookEmitter({
    appKey: opts.appKey,
    appSecret: opts.appSecret,
    clock,
    rng: faultRng,
    faults,
    scheduleMs: opts.webhookRetryScheduleMs ?? DEFAULT_WEBHOOK_SCHEDULE_MS,
    timeoutMs: opts.webhookTimeoutMs ?? 3000,
    url: () => webhookUrl,
  });
  const auth = new AuthStore(clock, rng);
  const orders = new OrderStore({
    auth,
    clock,
    rng,
    webhooks,
    onHoldMs: opts.onHoldMs ?? 3_600_000,
    badAddressRate: opts.badAddressRate ?? 0,
    slaScale: opts.slaScale ?? 1,
    cancelStatus: opts.webhookCancelStatus ?? 'CANCEL',
  });
  const core: SimCore = {
    appKey: opts.appKey,
    appSecret: opts.appSecret,
    serviceId: opts.serviceId,
    redirectUrl: opts.redirectUrl,
    clock,
    rng,
    faultRng,
    faults,
    auth,
    orders,
    fulfillment: new Fulfillment({ orders, clock, rng }),
    labels: new Labels({
      orders,
      clock,
      rng,
      faults,
      registerLabel: carrierRegistrar(opts.carrierApi),
    }),
    webhooks,
    limiter: new RateLimiter(),
  };

  const app = new Hono<SimEnv>();
  app.onError(errorHandler(core));
  app.route('/', authRoutes(core));
  app.route('/', oauthRoutes(core));
  app.route('/', openApiRoutes(core));
  // A doc_url is a bearer link, as TikTok's are: no signature, valid 24 h (reference §5).
  app.get('/shipping-documents/:token', (c) => {
    const doc = core.labels.document(c.req.param('token'));
    if (!doc)
      return c.json(
        {
          code: CODES.BAD_PATH,
          message: 'Document expired or unknown',
          request_id: '',
          data: null,
        },
        404,
      );
    return c.body(doc.body as Uint8Array<ArrayBuffer>, 200, { 'content-type': doc.contentType });
  });
  app.notFound((c) =>
    c.json({ code: CODES.BAD_PATH, message: 'Invalid path', request_id: '', data: null }, 404),
  );

  const sim: TikTokShopSim = {
    url: '',
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    createShop: (input) => clone(auth.createShop(input)),
    issueAuthCode: (ids) => auth.issueAuthCode(ids),
    createOrder: (shopId, input) => clone(orders.create(shopId, input)),
    getOrder: (id) => {
      const o = orders.orders.get(id);
      return o && clone(o);
    },
    packages: (id) => clone(orders.orders.get(id)?.packages ?? []),
    labelPackages: (id) =>
      clone([...core.labels.packages.values()].filter((p) => p.orderId === id)),
    pay: (id) => {
      orders.pay(id);
      return clone(orders.must(id));
    },
    release: (id) => clone(orders.release(id)),
    scan: (id) => clone(orders.scan(id)),
    deliver: (id) => clone(orders.deliver(id)),
    cancel: (id) => clone(orders.cancel(id)),
    updateAddress: (id, patch) => clone(orders.updateAddress(id, patch)),
    deauthorize: (shopId) => {
      auth.deauthorize(shopId);
      webhooks.emit(shopId, 6, { message: 'The seller has deauthorized the app' });
    },
    webhookLog: () => clone(webhooks.log),
    issuedTokens: () => auth.issuedTokens(),
    webhooksIdle: () => webhooks.idle(),
    faults,
    shopPenalty: (id) => clone(core.fulfillment.penalty(id)),
    expireAccessToken: (t) => auth.expireAccessToken(t),
    revokeAccessToken: (t) => auth.revokeAccessToken(t),
    revokeRefreshToken: (t) => auth.revokeRefreshToken(t),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    app: app as unknown as Hono,
    close: async () => {
      clock.close();
      webhooks.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  app.route('/__control', controlRoutes(sim));

  const server = serve({
    fetch: app.fetch,
    port: opts.port ?? 0,
    hostname: opts.hostname ?? '127.0.0.1',
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const addr = server.address() as AddressInfo;
  sim.url = `http://${opts.hostname ?? '127.0.0.1'}:${addr.port}`;
  return sim;
}
