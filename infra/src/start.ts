/**
 * `pnpm start`: the whole platform with its demo on one machine, no external setup.
 * PostgreSQL (embedded) and Temporal start first: the dev server with its web UI, or with
 * `SWITCHYARD_TEMPORAL=postgres` the Temporal server on that PostgreSQL; then the api,
 * the worker and the two simulators run as separate processes talking HTTP; a demo tenant
 * binds its shop through the marketplace's OAuth code exchange and orders flow gently.
 * Each service's output goes to its log file; its errors also to the console.
 * Ctrl-C stops everything this started.
 */
import { isAbsolute, join, relative } from 'node:path';
import { buildPortal } from '@switchyard/portal/build';
import { endStatus, showStatus } from './console-lines.ts';
import { launchPlatform } from './launch-platform.ts';
import { ROOT, stopAll } from './processes.ts';
import { temporalMode } from './temporal-mode.ts';

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
  // The api serves the seller portal's build; a failed build leaves the rest running.
  say('building the seller portal…');
  const portalDir = await buildPortal().catch((err: Error) => {
    console.error(`[start] the portal was not built: ${err.message}`);
    return undefined;
  });
  const platform = await launchPlatform({
    ...(portalDir && { portalDir }),
    mode: temporalMode(),
    logDir: LOG_DIR,
    ui: true,
    log: say,
    onStarted: (stop) => cleanups.push(stop),
  });
  const { apiUrl, ttsUrl, supplierUrl, billingUrl, stripeUrl, temporal, demo } = platform;

  console.log(`
  Switchyard is running.
    Seller portal       ${portalDir ? `${apiUrl}/` : '(not built: see the error above)'}
                        sign in: "Bind a TikTok Shop", tick ${demo.shopName}, Authorize
    One-time sign-in links (each works once, within an hour):
      demo seller       ${demo.signInLinks.seller}
      demo supplier     ${demo.signInLinks.supplier}
      operator          ${demo.signInLinks.operator}
    API                 ${apiUrl}   (tRPC at /trpc, partner API at /partner/v1)
    Temporal UI         ${temporal.uiUrl ?? '(none: only the dev server has one)'}
    TikTok Shop sim     ${ttsUrl}
    Supplier sim        ${supplierUrl}
    Billing             ${billingUrl}   (Stripe webhooks at /webhooks/stripe)
    Stripe sim          ${stripeUrl}   (state at /__control/state)
    Demo tenant token   ${demo.apiToken}
    Operator token      ${demo.operatorToken}   (ops.* procedures: parked webhooks)
    Service logs        ${shown(LOG_DIR)}/<service>.log (api, worker, billing, sim-tiktok-shop, sim-supplier, sim-carrier, sim-stripe)
  Try: curl -H 'authorization: Bearer ${demo.apiToken}' '${apiUrl}/trpc/orders.list?input=%7B%7D'
  The running bill: curl -H 'authorization: Bearer ${demo.apiToken}' '${apiUrl}/trpc/billing.periodToDate'
  Month close: TEMPORAL_ADDRESS=${temporal.address} pnpm billing:close --tenant ${demo.tenantId} --period ${currentPeriod()}
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

/** This month, `YYYY-MM` in UTC: the demo's ledger entries are all in it. */
function currentPeriod(): string {
  return new Date().toISOString().slice(0, 7);
}
