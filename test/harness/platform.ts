import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { apiOps, createApp, createInboxDispatcher, serveApi } from '@switchyard/api';
import { generateKeySpec, parseKeyring } from '@switchyard/auth';
import { issueApiToken } from '@switchyard/auth/credentials';
import { platformPlan } from '@switchyard/billing';
import { createHttpCarrierTracking } from '@switchyard/carriers';
import { upsertSupplierItems, withSupplier } from '@switchyard/db';
import { normalizeTrackingNumber, orderWorkflowId } from '@switchyard/domain';
import { mapSimCatalog, stockSimCatalog } from '@switchyard/infra/sim-catalog';
import { createLogger } from '@switchyard/observability';
import { type Tracing, tracingClientInterceptors } from '@switchyard/observability/tracing';
import { registerSupplier } from '@switchyard/onboarding';
import { type CarrierSim, startCarrierSim } from '@switchyard/sim-carrier';
import { type SupplierSim, startSupplierSim } from '@switchyard/sim-supplier';
import { startTikTokShopSim, type TikTokShopSim } from '@switchyard/sim-tiktok-shop';
import { createStripeClient } from '@switchyard/stripe-billing';
import {
  createEmailBatchSender,
  createHttpPushConnector,
  generateWebhookSecret,
} from '@switchyard/suppliers';
import { createTikTokShopClient, signWebhook } from '@switchyard/tiktok-shop';
import { createOrderWorker } from '@switchyard/worker';
import {
  connectShops,
  createAlertDelivery,
  createOrderActivities,
  createOrderIntake,
  createShopActivities,
  DEFAULT_SHOP_TIMING,
  type OperatorWebhook,
  type ShopWorkflowTiming,
  tracingWorkflowModules,
  workflowsPath,
} from '@switchyard/workflows';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { freshDatabase } from './database.ts';
import { installQuietRuntime, quietBundlerLogger } from './runtime.ts';

const APP_KEY = 'sim-app-key';

installQuietRuntime();
const APP_SECRET = 'sim-app-secret';
// Prometheus's bearer token at the api's /metrics.
const METRICS_TOKEN = 'metrics-token-for-tests';
const SERVICE_ID = 'sim-service-id';
// The platform's key at the carrier-tracking simulator, and the suppliers' key for labels.
const CARRIER_KEY = 'ck_test_platform';
const CARRIER_LABEL_KEY = 'ck_test_supplier';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/**
 * The whole platform for one test file, every part over real HTTP: TikTok Shop simulator →
 * api (webhooks, partner API, tRPC) → Temporal → worker → supplier simulator → partner API →
 * worker → TikTok Shop simulator. Its own database and task queue isolate it from other files.
 */
export async function startPlatform(
  opts: {
    tenants?: number;
    supplierBehaviour?: Parameters<typeof startSupplierSim>[0]['behaviour'];
    carrierBehaviour?: Parameters<typeof startCarrierSim>[0]['behaviour'];
    /** Per-shop workflow timing; reconciliation polls every 2 s by default here. */
    shopTiming?: Partial<ShopWorkflowTiming>;
    /** The marketplace's ON_HOLD window; 0 (default) releases paid orders at once. */
    onHoldMs?: number;
    /** Divides the marketplace's deadlines, for compressed-time simulations (default 1). */
    slaScale?: number;
    /** How long a partner call waits for its workflow to take a message (default 3 s here). */
    partnerUpdateWaitMs?: number;
    /** A Temporal frontend of the test's own instead of the run's server. */
    temporalAddress?: string;
    /** The file connector (R-RT-2): the SMTP server batches go through, the sweep's clock. */
    files?: { smtpUrl?: string; from?: string; now?: () => Date };
    /** Failed delivery attempts in a row that pause a supplier's endpoint (default 30). */
    pauseAfterFailures?: number;
    /** Operator alerts pushed here (issue 10 item 4), as the worker process does when set. */
    operatorWebhook?: OperatorWebhook & { retryScheduleMs?: number[]; everyMs?: number };
    /** The seller portal's build for the api to serve at `/` (see test/harness/portal.ts). */
    portalDir?: string;
    /** A Stripe (simulator) for the api's payment-method page; unset, the api has none. */
    stripe?: { url: string; apiKey: string };
    /** Traces from the api's workflow client and the worker (workflow bundle built with them). */
    tracing?: Tracing;
  } = {},
) {
  const database = await freshDatabase();
  const { db } = database;
  const keyring = parseKeyring(generateKeySpec('k1'));
  const log = createLogger('test', { level: 'silent' });
  const taskQueue = `orders-${Math.random().toString(36).slice(2, 10)}`;

  // The api listens first so the simulator can be told where to redirect and deliver.
  let app: ReturnType<typeof createApp> | undefined;
  const server = serveApi((req, env) => app!.fetch(req, env), { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // R-TRK-2, R-SLA-1: the carrier-tracking service the worker asks and suppliers print labels at.
  const carrier = await startCarrierSim({
    apiKeys: [CARRIER_KEY, CARRIER_LABEL_KEY],
    behaviour: opts.carrierBehaviour,
  });
  const tts = await startTikTokShopSim({
    // TikTok Shipping labels are the carrier's: it learns each one's number (R-TRK-2).
    carrierApi: { url: carrier.url, apiKey: CARRIER_LABEL_KEY },
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    serviceId: SERVICE_ID,
    onHoldMs: opts.onHoldMs ?? 0,
    ...(opts.slaScale !== undefined && { slaScale: opts.slaScale }),
    webhookRetryScheduleMs: [200, 500, 1000],
    webhookUrl: `${apiUrl}/webhooks/tiktok`,
    redirectUrl: `${apiUrl}/oauth/tiktok/callback`,
  });
  const temporalAddress = opts.temporalAddress ?? inject('temporalAddress');
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({
    connection,
    ...(opts.tracing && { interceptors: tracingClientInterceptors() }),
  });
  const ttsClient = createTikTokShopClient({
    apiBaseUrl: tts.url,
    authBaseUrl: tts.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
  });
  const shopTiming: ShopWorkflowTiming = {
    ...DEFAULT_SHOP_TIMING,
    reconcileIntervalMs: 2000,
    reconcileOverlapMs: 5000,
    ...opts.shopTiming,
  };
  const apiDeps = {
    db,
    temporal,
    taskQueue,
    tiktok: {
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      authorizeUrl: `${tts.url}/oauth/authorize`,
      serviceId: SERVICE_ID,
      client: ttsClient,
    },
    keyring,
    shopTiming,
    partnerUpdateWaitMs: opts.partnerUpdateWaitMs ?? 3000,
    log,
    nudgeInbox: () => dispatcher.nudge(),
    ...(opts.portalDir && { portalDir: opts.portalDir }),
    ...(opts.stripe && {
      stripe: {
        client: createStripeClient({ apiKey: opts.stripe.apiKey, apiUrl: opts.stripe.url }),
        returnUrl: `${apiUrl}/billing`,
        currency: 'USD',
      },
    }),
    // No cache: a test's scrape sees what has just happened.
    ops: apiOps({
      db,
      temporal,
      metricsToken: METRICS_TOKEN,
      metricsCacheMs: 0,
      readinessTimeoutMs: 2000,
    }),
  };
  app = createApp(apiDeps);
  // Hands stored notifications on, as the api process's own does (main.ts).
  const dispatcher = createInboxDispatcher(apiDeps);
  dispatcher.start();

  /** Binds the shops of an authorization code and starts their workflows, as the callback does. */
  const onboard = (input: Parameters<typeof connectShops>[1]) =>
    connectShops({ db, keyring, tiktok: ttsClient, temporal, taskQueue, shopTiming }, input);

  const signingSecret = generateWebhookSecret();
  const supplier = await startSupplierSim({
    carrierApi: { url: carrier.url, apiKey: CARRIER_LABEL_KEY },
    signingSecret,
    partnerApiUrl: `${apiUrl}/partner/v1`,
    partnerKey: 'sy_pk_pending',
    behaviour: { ackDelayMs: 20, shipDelayMs: 50, ...opts.supplierBehaviour },
  });
  const factoryA = { countries: ['US', 'GB'], carriers: ['USPS', 'UPS'] };
  const { supplierId, partnerKey } = await registerSupplier(
    { db, keyring },
    {
      code: 'factory-a',
      name: 'Factory A',
      endpointUrl: `${supplier.url}/dispatches`,
      signingSecret,
      ...factoryA,
    },
  );
  await stockSimCatalog(db, { supplierId, ...factoryA });
  supplier.setPartnerApi(`${apiUrl}/partner/v1`, partnerKey);

  const tenants = [];
  for (let i = 0; i < (opts.tenants ?? 1); i++) {
    const simShop = tts.createShop({ region: 'US', name: `Shop ${i + 1}` });
    const bound = await onboard({
      authCode: tts.issueAuthCode([simShop.id]),
      tenantName: `Seller ${i + 1}`,
    });
    await mapSimCatalog(db, bound.tenantId);
    const apiToken = await issueApiToken(db, bound.tenantId, 'test');
    tenants.push({
      tenantId: bound.tenantId,
      shopId: bound.shops[0]!.id,
      simShopId: simShop.id,
      apiToken,
    });
  }

  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const workflowBundle = opts.tracing
    ? await bundleWorkflowCode({
        workflowsPath,
        workflowInterceptorModules: tracingWorkflowModules,
        logger: quietBundlerLogger,
      })
    : { code: await readFile(inject('workflowBundlePath'), 'utf8') };
  const deps = {
    db,
    keyring,
    marketplace: (onCall: Parameters<typeof createTikTokShopClient>[0]['onCall']) =>
      createTikTokShopClient({
        apiBaseUrl: tts.url,
        authBaseUrl: tts.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        onCall,
        retry: { baseMs: 20, capMs: 200 },
      }),
    suppliers: createHttpPushConnector(),
    carriers: createHttpCarrierTracking({ baseUrl: carrier.url, apiKey: CARRIER_KEY }),
    // A test of the pause sets it low, to see it in seconds; others keep the default.
    ...(opts.pauseAfterFailures !== undefined && { pauseAfterFailures: opts.pauseAfterFailures }),
    files: {
      email: opts.files?.smtpUrl
        ? createEmailBatchSender({
            smtpUrl: opts.files.smtpUrl,
            from: opts.files.from ?? 'files@switchyard.test',
          })
        : undefined,
      now: opts.files?.now,
    },
    partnerApiUrl: `${apiUrl}/partner/v1`,
    fees: platformPlan(),
    temporal,
    orderTaskQueue: taskQueue,
  };
  // The worker can be stopped and started again, as a crashed and replaced process would be.
  let worker: { instance: Worker; running: Promise<void> } | undefined;
  async function startWorker() {
    const instance = await createOrderWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      deps,
      workflowBundle,
      tracing: opts.tracing !== undefined,
    });
    worker = { instance, running: instance.run() };
  }
  async function stopWorker() {
    if (!worker) return;
    worker.instance.shutdown();
    await worker.running.catch(() => {});
    worker = undefined;
  }
  await startWorker();
  const alertDelivery = opts.operatorWebhook
    ? createAlertDelivery({
        db,
        webhook: opts.operatorWebhook,
        ...(opts.operatorWebhook.retryScheduleMs && {
          retryScheduleMs: opts.operatorWebhook.retryScheduleMs,
        }),
      }).start(opts.operatorWebhook.everyMs ?? 200)
    : undefined;

  return {
    db,
    /** The application role's connection string, for a pool of another api process's own. */
    databaseUrl: database.appUrl,
    admin: database.admin,
    tts,
    supplier: supplier as SupplierSim,
    /** The carrier-tracking simulator; its control API changes behaviour and moves parcels. */
    carrier: carrier as CarrierSim,
    /** A supplier's account at the carrier sim, for further supplier sims to print labels at. */
    carrierAccount: { url: carrier.url, apiKey: CARRIER_LABEL_KEY },
    /** Creates a label at the carrier, as a supplier printing one would (R-TRK-2). */
    async createLabel(carrierCode: string, trackingNumber: string) {
      const res = await fetch(`${carrier.url}/v1/labels`, {
        method: 'POST',
        headers: { 'x-api-key': CARRIER_LABEL_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({
          carrier: carrierCode,
          tracking_number: normalizeTrackingNumber(trackingNumber),
        }),
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`label: HTTP ${res.status}`);
    },
    temporal,
    taskQueue,
    apiUrl,
    /** Prometheus's token at `${apiUrl}/metrics`. */
    metricsToken: METRICS_TOKEN,
    supplierId,
    /** Factory A's partner API key, to act as the supplier by hand. */
    partnerKey,
    /** What the worker's activities run with. */
    workerDeps: deps,
    /** What the api runs with; for calling its functions directly. */
    apiDeps,
    /** The api's inbox dispatcher; a test that hands on by itself stops it first. */
    dispatcher,
    onboard,
    /** The keyring the api and worker encrypt with; register further suppliers with it. */
    keyring,
    tenants,
    activities: createOrderActivities(deps),
    /** The per-shop activities, e.g. to run a reconciliation pass when a test wants one. */
    shopActivities: createShopActivities({
      ...deps,
      orders: createOrderIntake(temporal, taskQueue),
    }),
    sim: tts as TikTokShopSim,
    startWorker,
    stopWorker,
    /**
     * Registers another supplier that nothing can reach (its endpoint refuses connections) and
     * that stocks nothing: a key that authenticates but owns no dispatch, or no catalog row.
     */
    registerIdleSupplier(code: string, reach = { countries: ['JP'], carriers: ['JP-POST'] }) {
      return registerSupplier(
        { db, keyring },
        {
          code,
          name: code,
          endpointUrl: 'http://127.0.0.1:9/dispatches',
          signingSecret: generateWebhookSecret(),
          ...reach,
        },
      );
    },
    /** Factory A's stock feed adds these items (R-RT-1), as a supplier that starts selling them. */
    stockItems(codes: string[]) {
      return withSupplier(db, supplierId, (trx) =>
        upsertSupplierItems(
          trx,
          supplierId,
          codes.map((supplierItemCode) => ({ supplierItemCode, stock: 1000, unitCostMinor: 350 })),
        ),
      );
    },
    /** Delivers a notification to the api's webhook route, signed as the marketplace signs it. */
    postWebhook(body: string) {
      return fetch(`${apiUrl}/webhooks/tiktok`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: signWebhook(APP_KEY, APP_SECRET, body),
        },
        body,
      });
    },
    /** Waits for the order's workflow to exist (intake is asynchronous) and returns its result. */
    orderResult(tenantId: string, shopId: string, platformOrderId: string, timeoutMs = 60_000) {
      const handle = temporal.workflow.getHandle(
        orderWorkflowId(tenantId, shopId, platformOrderId),
      );
      return eventually(() => handle.result().catch(() => undefined), timeoutMs, 200);
    },
    async close() {
      await alertDelivery?.stop();
      await dispatcher.stop();
      await stopWorker();
      await nativeConnection.close();
      await Promise.all([tts.close(), supplier.close(), carrier.close()]);
      await new Promise((r) => server.close(r));
      await connection.close();
      await database.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value; for waiting on asynchronous outcomes. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
