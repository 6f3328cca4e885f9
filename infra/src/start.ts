/**
 * `pnpm start`: the whole platform with its demo on one machine, no external setup.
 * PostgreSQL (embedded) and Temporal start first: the dev server with its web UI, or with
 * `SWITCHYARD_TEMPORAL=postgres` the Temporal server on that PostgreSQL; then the api,
 * the worker and the two simulators run as separate processes talking HTTP; a demo tenant
 * binds its shop through the marketplace's OAuth code exchange and orders flow gently.
 * Each service's output goes to its log file; its errors also to the console.
 * Ctrl-C stops everything this started.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { generateKeySpec } from '@switchyard/auth';
import { createDb } from '@switchyard/db';
import { migrateToLatest } from '@switchyard/db/migrate';
import { endStatus, showStatus } from './console-lines.ts';
import { freePort } from './ports.ts';
import { startEmbeddedPostgres } from './postgres.ts';
import { ROOT, spawnService, stopAll, waitHttp } from './processes.ts';
import { seedDemo } from './seed-demo.ts';
import { describeMode, startTemporal, temporalMode } from './temporal-mode.ts';

const DEMO_SECONDS = Number(process.env.SWITCHYARD_DEMO_SECONDS ?? 0); // 0 = until Ctrl-C
const ORDER_EVERY_MS = Number(process.env.SWITCHYARD_DEMO_ORDER_EVERY_MS ?? 3000);
const LOG_DIR = process.env.SWITCHYARD_LOG_DIR ?? join(ROOT, '.switchyard', 'logs');
const say = (m: string) => console.log(`[start] ${m}`);

const cleanups: Array<() => Promise<void>> = [];
let shuttingDown = false;
async function shutdown(code: number) {
  // A second Ctrl-C does not wait: the exit guards of PostgreSQL, Temporal and the services
  // kill them and remove PostgreSQL's data directory.
  if (shuttingDown) process.exit(code || 130);
  shuttingDown = true;
  endStatus();
  console.log('[start] stopping…');
  // Services first, while the database and Temporal they use are still there.
  await stopAll();
  for (const c of cleanups.reverse()) await c().catch(() => {});
  process.exit(code);
}
process.once('exit', () => console.log('[start] stopped'));
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const mode = temporalMode();
  say(`starting PostgreSQL (embedded) and ${describeMode(mode)}…`);
  const pgStarting = startEmbeddedPostgres(say);
  const [pg, temporal] = await Promise.all([
    pgStarting,
    startTemporal(mode, { adminUrl: pgStarting.then((p) => p.adminUrl), ui: true, log: say }),
  ]);
  cleanups.push(pg.stop, temporal.stop);
  say(`PostgreSQL on :${pg.port}, Temporal at ${temporal.address}`);

  const appUrl = await migrateToLatest(pg.adminUrl, randomBytes(12).toString('hex'));
  say('database migrated');

  const [apiPort, ttsPort, supplierPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const ttsUrl = `http://127.0.0.1:${ttsPort}`;
  const supplierUrl = `http://127.0.0.1:${supplierPort}`;
  const tts = {
    TTS_APP_KEY: 'demo_app_key',
    TTS_APP_SECRET: randomBytes(16).toString('hex'),
    TTS_SERVICE_ID: 'demo_service',
  };
  const encryptionKeys = generateKeySpec('dev1');
  mkdirSync(LOG_DIR, { recursive: true });
  const logs = { logDir: LOG_DIR };
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

  const sim = spawnService(
    'sim-tiktok-shop',
    'test/sims/tiktok-shop/src/main.ts',
    {
      ...tts,
      PORT: String(ttsPort),
      WEBHOOK_URL: `${apiUrl}/webhooks/tiktok`,
      REDIRECT_URL: `${apiUrl}/oauth/tiktok/callback`,
      ON_HOLD_MS: '3000',
    },
    { ...logs, port: ttsPort },
  );
  const api = spawnService(
    'api',
    'services/api/src/main.ts',
    {
      ...common,
      PORT: String(apiPort),
      TTS_AUTHORIZE_URL: `${ttsUrl}/oauth/authorize`,
      RECONCILE_INTERVAL_MS: '30000',
    },
    { ...logs, port: apiPort },
  );
  await Promise.all([
    waitHttp(`${ttsUrl}/__control/webhooks`, sim),
    waitHttp(`${apiUrl}/healthz`, api),
  ]);
  say(`api on ${apiUrl}, TikTok Shop simulator on ${ttsUrl}`);

  const db = createDb(appUrl, { max: 2 });
  cleanups.push(() => db.destroy());
  const demo = await seedDemo({
    db,
    encryptionKeys,
    ttsUrl,
    apiUrl,
    supplierEndpoint: `${supplierUrl}/dispatches`,
  });
  say(`demo seller bound shop "${demo.shopName}" (${demo.platformShopId}) through the OAuth flow`);

  const supplier = spawnService(
    'sim-supplier',
    'test/sims/supplier/src/main.ts',
    {
      PORT: String(supplierPort),
      SUPPLIER_SIGNING_SECRET: demo.supplierSigningSecret,
      PARTNER_API_URL: `${apiUrl}/partner/v1`,
      PARTNER_KEY: demo.partnerKey,
      ACK_DELAY_MS: '1000',
      SHIP_DELAY_MS: '2500',
    },
    { ...logs, port: supplierPort },
  );
  let workerReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    workerReady = r;
  });
  const worker = spawnService(
    'worker',
    'services/worker/src/main.ts',
    { ...common, PARTNER_API_URL: `${apiUrl}/partner/v1` },
    { ...logs, onLine: (line) => line.includes('worker running') && workerReady() },
  );
  say('bundling workflows and starting the worker…');
  const workerGone = worker.gone.then((why) => Promise.reject(new Error(why)));
  await Promise.all([
    waitHttp(`${supplierUrl}/health`, supplier),
    Promise.race([ready, workerGone]),
  ]);

  console.log(`
  Switchyard is running.
    API                 ${apiUrl}   (tRPC at /trpc, partner API at /partner/v1)
    Temporal UI         ${temporal.uiUrl ?? '(none: only the dev server has one)'}
    TikTok Shop sim     ${ttsUrl}
    Supplier sim        ${supplierUrl}
    Demo tenant token   ${demo.apiToken}
    Operator token      ${demo.operatorToken}   (ops.* procedures: parked webhooks)
    Service logs        ${shown(LOG_DIR)}/<service>.log (api, worker, sim-tiktok-shop, sim-supplier)
  Try: curl -H 'authorization: Bearer ${demo.apiToken}' '${apiUrl}/trpc/orders.list?input=%7B%7D'
  A demo order arrives every ${ORDER_EVERY_MS / 1000} s. Ctrl-C stops everything.
`);

  const orderTimer = setInterval(() => {
    fetch(`${ttsUrl}/__control/orders`, {
      method: 'POST',
      body: JSON.stringify({ shop_id: demo.platformShopId }),
    }).catch(() => {});
  }, ORDER_EVERY_MS);
  cleanups.push(async () => clearInterval(orderTimer));

  let last = '';
  const progress = setInterval(async () => {
    last = await demo.statusLine().catch(() => last);
    showStatus(last);
  }, 1000);
  cleanups.push(async () => clearInterval(progress));

  if (DEMO_SECONDS > 0) setTimeout(() => void shutdown(0), DEMO_SECONDS * 1000);
} catch (err) {
  console.error(`[start] failed: ${(err as Error).message}`);
  await shutdown(1);
}

/** A path as a person would type it from the project root. */
function shown(path: string): string {
  const rel = relative(ROOT, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
