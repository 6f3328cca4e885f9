/**
 * The platform as `pnpm start` runs it, without the demo's console or trickle of orders:
 * PostgreSQL (embedded) and Temporal in the chosen mode, the schema migrated, then the api, the
 * worker, the billing service and the four simulators as separate processes talking HTTP, and the demo seller's shop
 * bound through the marketplace's OAuth code exchange. `pnpm start` and the end-to-end
 * benchmark both launch it from here.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { generateKeySpec } from '@switchyard/auth';
import { createDb, type Db } from '@switchyard/db';
import { migrateToLatest } from '@switchyard/db/migrate';
import { freePort } from './ports.ts';
import { type RunningPostgres, startEmbeddedPostgres } from './postgres.ts';
import { type Service, spawnService, waitHttp } from './processes.ts';
import { type Replicas, startReplicas } from './replicas.ts';
import { type RoundRobin, startRoundRobin } from './round-robin.ts';
import { seedDemo } from './seed-demo.ts';
import type { RunningTemporal } from './temporal.ts';
import { describeMode, startTemporal, type TemporalMode } from './temporal-mode.ts';

export interface LaunchOptions {
  mode: TemporalMode;
  /** Where each service writes `<name>.log`. */
  logDir: string;
  /** Serve the dev server's web UI. */
  ui?: boolean;
  log?: (m: string) => void;
  /**
   * Called with each resource's stop as soon as it is up, so that a caller interrupted while the
   * platform is still starting can stop what already runs.
   */
  onStarted?: (stop: () => Promise<void>) => void;
  /** Extra environment of the worker (its capacity settings, say). */
  workerEnv?: Record<string, string>;
  /** The seller portal's build for the api to serve at `/`; without it, no portal. */
  portalDir?: string;
  /**
   * Api processes (default 1). With more, each listens on a port of its own and `apiUrl` is a
   * round-robin load balancer in front of them, which the simulators and the worker call.
   */
  apis?: number;
  /** Worker processes on the one task queue (default 1). */
  workers?: number;
}

export interface LaunchedPlatform {
  pg: RunningPostgres;
  temporal: RunningTemporal;
  /** The application role's URL (RLS applies). */
  appUrl: string;
  apiUrl: string;
  ttsUrl: string;
  supplierUrl: string;
  /** The carrier-tracking simulator (R-TRK-2, R-SLA-1). */
  carrierUrl: string;
  /** The billing service: Stripe webhooks, the payment-method page; month closes on its worker. */
  billingUrl: string;
  /** The Stripe simulator the billing service is pointed at. */
  stripeUrl: string;
  /** A small pool on the application role, for status lines and reports. */
  db: Db;
  demo: Awaited<ReturnType<typeof seedDemo>>;
  /** `api` and `worker` are the first replicas, as started (a restart replaces them in `apis`). */
  services: Record<
    'api' | 'worker' | 'billing' | 'simTikTokShop' | 'simSupplier' | 'simCarrier' | 'simStripe',
    Service
  >;
  apis: Replicas;
  workers: Replicas;
  /** In front of the api processes when there are several. */
  balancer: RoundRobin | undefined;
  /** Every secret and key the launch made or was given, for tests that look for them in logs. */
  secrets: Record<string, string>;
  /** Services first, while the database and Temporal they use are still there. */
  stop(): Promise<void>;
}

export async function launchPlatform(opts: LaunchOptions): Promise<LaunchedPlatform> {
  const say = opts.log ?? (() => {});
  const stops: Array<() => Promise<void>> = [];
  const started = (stop: () => Promise<void>) => {
    stops.push(stop);
    opts.onStarted?.(stop);
  };
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    return { ...(await launch(opts, say, started)), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function launch(
  opts: LaunchOptions,
  say: (m: string) => void,
  started: (stop: () => Promise<void>) => void,
): Promise<Omit<LaunchedPlatform, 'stop'>> {
  say(`starting PostgreSQL (embedded) and ${describeMode(opts.mode)}…`);
  const pgStarting = startEmbeddedPostgres(say);
  const [pg, temporal] = await Promise.all([
    pgStarting.then((p) => {
      started(p.stop);
      return p;
    }),
    startTemporal(opts.mode, {
      adminUrl: pgStarting.then((p) => p.adminUrl),
      ui: opts.ui,
      log: say,
    }).then((t) => {
      started(t.stop);
      return t;
    }),
  ]);
  say(`PostgreSQL on :${pg.port}, Temporal at ${temporal.address}`);

  const appUrl = await migrateToLatest(pg.adminUrl, randomBytes(12).toString('hex'));
  say('database migrated');

  const [apiPort, ttsPort, supplierPort, carrierPort, billingPort, stripePort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const apiCount = opts.apis ?? 1;
  const apiPorts =
    apiCount > 1
      ? await Promise.all(Array.from({ length: apiCount }, () => freePort()))
      : [apiPort];
  const billingUrl = `http://127.0.0.1:${billingPort}`;
  const stripeUrl = `http://127.0.0.1:${stripePort}`;
  // The platform's key at the Stripe simulator and the webhook endpoint's signing secret.
  const stripe = {
    key: `sk_test_${randomBytes(12).toString('hex')}`,
    webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const carrierUrl = `http://127.0.0.1:${carrierPort}`;
  // The platform's key at the carrier-tracking service, and the demo supplier's for labels.
  const carrierKeys = {
    platform: `ck_${randomBytes(12).toString('hex')}`,
    supplier: `ck_${randomBytes(12).toString('hex')}`,
    // TikTok's own account: the labels it sells (TikTok Shipping) are registered there.
    marketplace: `ck_${randomBytes(12).toString('hex')}`,
  };
  const ttsUrl = `http://127.0.0.1:${ttsPort}`;
  const supplierUrl = `http://127.0.0.1:${supplierPort}`;
  const tts = {
    TTS_APP_KEY: 'demo_app_key',
    TTS_APP_SECRET: randomBytes(16).toString('hex'),
    TTS_SERVICE_ID: 'demo_service',
  };
  const encryptionKeys = generateKeySpec('dev1');
  mkdirSync(opts.logDir, { recursive: true });
  const logs = { logDir: opts.logDir };
  const common = {
    DATABASE_URL: appUrl,
    TEMPORAL_ADDRESS: temporal.address,
    // Everything goes to the log files; the console shows only errors.
    LOG_LEVEL: 'info',
    ENCRYPTION_KEYS: encryptionKeys,
    TTS_API_URL: ttsUrl,
    TTS_AUTH_URL: ttsUrl,
    ...tts,
  };
  const service = (...args: Parameters<typeof spawnService>) => {
    const s = spawnService(...args);
    started(s.stop);
    return s;
  };

  const simTikTokShop = service(
    'sim-tiktok-shop',
    'test/sims/tiktok-shop/src/main.ts',
    {
      ...tts,
      PORT: String(ttsPort),
      WEBHOOK_URL: `${apiUrl}/webhooks/tiktok`,
      REDIRECT_URL: `${apiUrl}/oauth/tiktok/callback`,
      ON_HOLD_MS: '3000',
      CARRIER_API_URL: carrierUrl,
      CARRIER_API_KEY: carrierKeys.marketplace,
    },
    { ...logs, port: ttsPort },
  );
  const balancer =
    apiCount > 1
      ? await startRoundRobin({
          port: apiPort,
          backends: () => apiPorts.map((p) => `http://127.0.0.1:${p}`),
        })
      : undefined;
  if (balancer) started(balancer.close);
  const apisStarting = startReplicas(apiCount, async (i, again) => {
    const port = apiPorts[i]!;
    const s = spawnService(
      i === 0 ? 'api' : `api-${i + 1}`,
      'services/api/src/main.ts',
      {
        ...common,
        PORT: String(port),
        TTS_AUTHORIZE_URL: `${ttsUrl}/oauth/authorize`,
        RECONCILE_INTERVAL_MS: '30000',
        ...(opts.portalDir && { PORTAL_DIR: opts.portalDir }),
        // The portal's billing page asks Stripe for the payment-method page itself.
        STRIPE_SECRET_KEY: stripe.key,
        STRIPE_API_URL: stripeUrl,
        BILLING_RETURN_URL: `${apiUrl}/billing`,
      },
      { ...logs, port, append: again },
    );
    // Generous: several processes start at once, and a restart may meet a loaded machine.
    // One that never answers is killed, or it would hold the port against the next try.
    await waitHttp(`http://127.0.0.1:${port}/healthz`, s, 180_000).catch(async (err) => {
      await s.kill();
      throw err;
    });
    return s;
  });
  const simCarrier = service(
    'sim-carrier',
    'test/sims/carrier/src/main.ts',
    {
      PORT: String(carrierPort),
      CARRIER_API_KEYS: `${carrierKeys.platform},${carrierKeys.supplier},${carrierKeys.marketplace}`,
      // Parcels are scanned a minute after their label; one in twenty never is (R-SLA-1).
      FIRST_SCAN_AFTER_MS: '60000',
      NEVER_SCAN_RATE: '0.05',
    },
    { ...logs, port: carrierPort },
  );
  const simStripe = service(
    'sim-stripe',
    'test/sims/stripe/src/main.ts',
    {
      PORT: String(stripePort),
      STRIPE_API_KEYS: stripe.key,
      STRIPE_WEBHOOK_URL: `${billingUrl}/webhooks/stripe`,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    },
    { ...logs, port: stripePort },
  );
  const [apis] = await Promise.all([
    apisStarting.then((r) => {
      started(r.stop);
      return r;
    }),
    waitHttp(`${ttsUrl}/__control/webhooks`, simTikTokShop),
    waitHttp(`${carrierUrl}/health`, simCarrier),
    waitHttp(`${stripeUrl}/health`, simStripe),
  ]);
  say(`api on ${apiUrl}, TikTok Shop simulator on ${ttsUrl}`);

  const db = createDb(appUrl, { max: 2 });
  started(() => db.destroy());
  const demo = await seedDemo({
    db,
    encryptionKeys,
    ttsUrl,
    apiUrl,
    supplierEndpoint: `${supplierUrl}/dispatches`,
  });
  say(`demo seller bound shop "${demo.shopName}" (${demo.platformShopId}) through the OAuth flow`);

  const simSupplier = service(
    'sim-supplier',
    'test/sims/supplier/src/main.ts',
    {
      PORT: String(supplierPort),
      SUPPLIER_SIGNING_SECRET: demo.supplierSigningSecret,
      PARTNER_API_URL: `${apiUrl}/partner/v1`,
      PARTNER_KEY: demo.partnerKey,
      ACK_DELAY_MS: '1000',
      SHIP_DELAY_MS: '2500',
      CARRIER_API_URL: carrierUrl,
      CARRIER_API_KEY: carrierKeys.supplier,
    },
    { ...logs, port: supplierPort },
  );
  const workersStarting = startReplicas(opts.workers ?? 1, async (i, again) => {
    let workerReady: () => void = () => {};
    const ready = new Promise<void>((r) => {
      workerReady = r;
    });
    const s = spawnService(
      i === 0 ? 'worker' : `worker-${i + 1}`,
      'services/worker/src/main.ts',
      {
        ...common,
        PARTNER_API_URL: `${apiUrl}/partner/v1`,
        CARRIER_API_URL: carrierUrl,
        CARRIER_API_KEY: carrierKeys.platform,
        ...opts.workerEnv,
      },
      {
        ...logs,
        append: again,
        onLine: (line) => line.includes('worker running') && workerReady(),
      },
    );
    const workerGone = s.gone.then((why) => Promise.reject(new Error(why)));
    await Promise.race([ready, workerGone]);
    return s;
  });
  const billing = service(
    'billing',
    'services/billing/src/main.ts',
    {
      DATABASE_URL: appUrl,
      TEMPORAL_ADDRESS: temporal.address,
      LOG_LEVEL: 'info',
      PORT: String(billingPort),
      STRIPE_SECRET_KEY: stripe.key,
      STRIPE_API_URL: stripeUrl,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      BILLING_RETURN_URL: `${apiUrl}/`,
    },
    { ...logs, port: billingPort },
  );
  say('bundling workflows and starting the worker…');
  const [workers] = await Promise.all([
    workersStarting.then((r) => {
      started(r.stop);
      return r;
    }),
    waitHttp(`${supplierUrl}/health`, simSupplier),
    // The billing service bundles the workflows too before it listens, as each worker does at
    // the same time: minutes on a loaded machine.
    waitHttp(`${billingUrl}/healthz`, billing, 600_000),
  ]);

  return {
    pg,
    temporal,
    appUrl,
    apiUrl,
    ttsUrl,
    supplierUrl,
    carrierUrl,
    billingUrl,
    stripeUrl,
    db,
    demo,
    services: {
      api: apis.list()[0]!,
      worker: workers.list()[0]!,
      billing,
      simTikTokShop,
      simSupplier,
      simCarrier,
      simStripe,
    },
    apis,
    workers,
    balancer,
    secrets: {
      ...tts,
      ENCRYPTION_KEYS: encryptionKeys,
      STRIPE_SECRET_KEY: stripe.key,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      CARRIER_KEY_PLATFORM: carrierKeys.platform,
      CARRIER_KEY_SUPPLIER: carrierKeys.supplier,
      CARRIER_KEY_MARKETPLACE: carrierKeys.marketplace,
      PARTNER_KEY: demo.partnerKey,
      SUPPLIER_SIGNING_SECRET: demo.supplierSigningSecret,
      API_TOKEN: demo.apiToken,
      OPERATOR_TOKEN: demo.operatorToken,
    },
  };
}
