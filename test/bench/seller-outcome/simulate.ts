import {
  setSupplierPreference,
  upsertSupplierItems,
  upsertSupplierRates,
  withSupplier,
  withTenant,
  setSupplierConnector as writeConnector,
} from '@switchyard/db';
import { DEFAULT_FULFILLMENT_POLICY, type FulfillmentPolicy } from '@switchyard/domain';
import { registerSupplier } from '@switchyard/onboarding';
import { type DeskStats, startSupplierNetwork } from '@switchyard/sim-supplier';
import { startOrderWorkflow } from '@switchyard/workflows';
import { sql } from 'kysely';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { itemCodeOf, SIMULATED_NETWORK } from './network.ts';

const H = 3_600_000;

export type SimulationMode = 'switchyard' | 'baseline';

export interface SimulationOptions {
  mode: SimulationMode;
  orders: number;
  /** Simulated ms per real ms: 1,800 runs an hour in two seconds. */
  timeScale: number;
  /** New orders per real second. */
  ordersPerSecond: number;
  seed: number;
  /** Gives up on orders still open this long (simulated) after the last was created. */
  settleSimMs?: number;
  /** Looks at the platform and the network before they close (diagnosis). */
  inspect?: (
    p: Platform,
    network: Awaited<ReturnType<typeof startSupplierNetwork>>,
  ) => Promise<void>;
}

export interface OrderOutcome {
  platformOrderId: string;
  status: string;
  shipBy: Date | null;
  pushedAt: Date | null;
  firstScanAt: Date | null;
  dispatches: number;
  /** Dispatches its supplier still holds (sent or acknowledged). */
  openDispatches: number;
  /** Distinct suppliers it was sent to. */
  suppliersTried: number;
  shippedBy: string | null;
  /** Why it is held, when it is (R-CHK-*): hold codes. */
  holds: string[];
}

export interface SimulationResult {
  mode: SimulationMode;
  orders: OrderOutcome[];
  network: Record<string, DeskStats>;
  realSeconds: number;
}

/**
 * The policy every order is held to, with every clock divided by the time scale (R-SLA-1..4),
 * and the workflow's retry backoff with them.
 * The baseline sends each order to its first able supplier only and waits for it until the
 * marketplace deadline: no acknowledgement deadline before that, nothing to re-route to.
 */
export function simulationPolicy(mode: SimulationMode, timeScale: number): FulfillmentPolicy {
  const d = DEFAULT_FULFILLMENT_POLICY;
  const scale = (ms: number) => Math.max(1, Math.round(ms / timeScale));
  const scaled: FulfillmentPolicy = {
    ...d,
    ackWindowMs: scale(d.ackWindowMs),
    shipWindowMs: scale(d.shipWindowMs),
    reminderAfterDueMs: scale(d.reminderAfterDueMs),
    escalateAfterReminderMs: scale(d.escalateAfterReminderMs),
    marketplaceRecheckMs: scale(d.marketplaceRecheckMs),
    carrierCheckGraceMs: scale(d.carrierCheckGraceMs),
    firstScanWindowMs: scale(d.firstScanWindowMs),
    // The workflow's activity retry backoff too (1 s to 100 s in production).
    simulatedTimeScale: timeScale,
  };
  if (mode === 'switchyard') return scaled;
  return { ...scaled, routingMode: 'first_eligible', ackWindowMs: scaled.shipWindowMs };
}

/** The api's default wait for an order workflow to take a supplier's message. */
const PARTNER_UPDATE_WAIT_MS = 10_000;

/** First scans come 12 hours (simulated) after the label; 1 parcel in 500 is never scanned. */
const FIRST_SCAN_AFTER_MS = 12 * H;

/**
 * Seller outcome simulation (issue 10): the whole platform over real HTTP (marketplace,
 * carrier and supplier simulators), ten simulated suppliers of mixed reliability, orders
 * created at the marketplace at a steady pace and each started with the scaled policy of
 * `mode`. Returns what became of every order.
 */
export async function runSimulation(o: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const p = await startPlatform({
    slaScale: o.timeScale,
    // The partner API's wait for a workflow to take a message: 10 s in production, scaled.
    partnerUpdateWaitMs: Math.max(1, Math.round(PARTNER_UPDATE_WAIT_MS / o.timeScale)),
    // Orders are started here, with the simulation's policy; neither the notifications nor the
    // reconciliation must start them first with the platform's.
    shopTiming: { reconcileIntervalMs: 24 * H },
    carrierBehaviour: {
      firstScanAfterMs: Math.round(FIRST_SCAN_AFTER_MS / o.timeScale),
      neverScanRate: 0.002,
    },
  });
  await p.dispatcher.stop();
  const network = await startSupplierNetwork({
    suppliers: SIMULATED_NETWORK.map((s) => s.profile),
    seed: o.seed,
    timeScale: o.timeScale,
    carrierApi: p.carrierAccount,
  });
  try {
    await registerNetwork(p, network);
    const tenant = p.tenants[0]!;
    // The harness's own factory stocks everything and never fails: the seller excludes it, so
    // the ten simulated suppliers are the whole network.
    await withTenant(p.db, tenant.tenantId, (trx) =>
      setSupplierPreference(trx, tenant.tenantId, p.supplierId, { kind: 'exclude' }),
    );
    const policy = simulationPolicy(o.mode, o.timeScale);
    const ids: string[] = [];
    const pace = 1000 / o.ordersPerSecond;
    for (let i = 0; i < o.orders; i++) {
      const due = started + i * pace;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const order = p.sim.createOrder(tenant.simShopId);
      ids.push(order.id);
      await startOrderWorkflow(
        p.temporal,
        { tenantId: tenant.tenantId, shopId: tenant.shopId, platformOrderId: order.id, policy },
        p.taskQueue,
      );
    }
    // Every order is settled once the platform has failed it, or measurable once the last
    // one's marketplace deadline (48 h) has passed: escalations after that change no figure.
    const settle = o.settleSimMs ?? 50 * H;
    const giveUpAt = Date.now() + settle / o.timeScale;
    while (Date.now() < giveUpAt && (await openOrders(p)) > 0)
      await new Promise((r) => setTimeout(r, 1000));
    await new Promise((r) => setTimeout(r, FIRST_SCAN_AFTER_MS / o.timeScale + 500));
    const orders = await outcomes(p, ids);
    await o.inspect?.(p, network);
    return {
      mode: o.mode,
      orders,
      network: Object.fromEntries(network.suppliers.map((s) => [s.code, s.stats()])),
      realSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await network.close();
    await p.close();
  }
}

/** Registers each simulated supplier as an operator would, and stocks it as its feed would. */
async function registerNetwork(
  p: Platform,
  network: Awaited<ReturnType<typeof startSupplierNetwork>>,
) {
  const reach = { countries: ['US'], carriers: ['USPS', 'UPS'] };
  for (const s of SIMULATED_NETWORK) {
    const sim = network.get(s.profile.code);
    const { supplierId, partnerKey } = await registerSupplier(
      { db: p.db, keyring: p.keyring },
      {
        code: s.profile.code,
        name: s.role,
        endpointUrl: sim.endpointUrl,
        signingSecret: sim.signingSecret,
        ...reach,
      },
    );
    if (s.profile.connector === 'pull') await writeConnector(p.db, supplierId, 'api_pull');
    await withSupplier(p.db, supplierId, async (trx) => {
      await upsertSupplierItems(
        trx,
        supplierId,
        s.sells.map((sku) => ({
          supplierItemCode: itemCodeOf(sku),
          // The feed's figure: deep stock, whatever the shelf really holds.
          stock: 100_000,
          unitCostMinor: s.unitCostMinor,
        })),
      );
      await upsertSupplierRates(
        trx,
        supplierId,
        reach.carriers.map((carrier) => ({
          country: 'US',
          carrier,
          parcelCostMinor: s.parcelCostMinor,
        })),
      );
    });
    sim.connect(`${p.apiUrl}/partner/v1`, partnerKey);
  }
}

async function openOrders(p: Platform): Promise<number> {
  const r = await sql<{ n: string }>`
    select count(*) as n from orders where status not in ('completed', 'failed', 'cancelled')`.execute(
    p.admin,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Each order's fate from the database and the carrier: push-back time, first scan, hops. */
async function outcomes(p: Platform, ids: string[]): Promise<OrderOutcome[]> {
  const rows = await sql<{
    platform_order_id: string;
    status: string;
    ship_by: Date | null;
    pushed_at: Date | null;
    tracking_number: string | null;
    dispatches: string;
    open_dispatches: string;
    suppliers_tried: string;
    shipped_by: string | null;
    holds: Array<{ code?: string }>;
  }>`
    select o.platform_order_id, o.status, o.ship_by, o.holds,
      (select min(s.pushed_at) from shipments s where s.order_id = o.id) as pushed_at,
      (select s.tracking_number from shipments s where s.order_id = o.id
        order by s.pushed_at limit 1) as tracking_number,
      (select count(*) from dispatches d where d.order_id = o.id) as dispatches,
      (select count(*) from dispatches d where d.order_id = o.id
        and d.status in ('sent', 'acknowledged')) as open_dispatches,
      (select count(distinct d.supplier_id) from dispatches d where d.order_id = o.id)
        as suppliers_tried,
      (select su.code from dispatches d join suppliers su on su.id = d.supplier_id
        where d.order_id = o.id and d.status = 'shipped' limit 1) as shipped_by
    from orders o`.execute(p.admin);
  const labels = await carrierLabels(p);
  const byId = new Map(rows.rows.map((r) => [r.platform_order_id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    const scan = r?.tracking_number ? labels.get(r.tracking_number) : undefined;
    return {
      platformOrderId: id,
      status: r?.status ?? 'not_recorded',
      shipBy: r?.ship_by ?? null,
      pushedAt: r?.pushed_at ?? null,
      firstScanAt: scan ? new Date(scan) : null,
      dispatches: Number(r?.dispatches ?? 0),
      openDispatches: Number(r?.open_dispatches ?? 0),
      suppliersTried: Number(r?.suppliers_tried ?? 0),
      shippedBy: r?.shipped_by ?? null,
      holds: (r?.holds ?? []).map((h) => h.code ?? 'unknown'),
    };
  });
}

async function carrierLabels(p: Platform): Promise<Map<string, string>> {
  const res = await fetch(`${p.carrierAccount.url}/__control/state`);
  const state = (await res.json()) as {
    labels: Array<{ tracking_number: string; first_scan_at: string | null }>;
  };
  const m = new Map<string, string>();
  for (const l of state.labels) if (l.first_scan_at) m.set(l.tracking_number, l.first_scan_at);
  return m;
}
