import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@switchyard/db';
import { type LaunchedPlatform, launchPlatform } from '@switchyard/infra/launch-platform';
import { describeMode, temporalMode } from '@switchyard/infra/temporal-mode';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, describe, it } from 'vitest';
import { benchReport } from './bench-report.ts';
import {
  completedCount,
  cpuSince,
  cpuSnapshot,
  latency,
  ordersPerSecond,
  orderTimes,
  sampleCpu,
  waitAll,
} from './end-to-end-measure.ts';
import { runNoopBatch, startNoopWorker } from './noop/ceiling.ts';
import { compareCounts, countHistories } from './order-costs.ts';

/**
 * `pnpm bench`: orders end to end on each Temporal mode, with the api, the worker and the two
 * simulators as separate processes, launched as `pnpm start` launches them (without the demo's
 * trickle). N orders (`BENCH_ORDERS`, default 2,000) are created at once in the marketplace
 * simulator, which notifies the api; then a paced run at half the measured rate; then, on the
 * same server, the engine's ceiling: N no-op workflows of the order's shape. CPU-ms per order
 * per process from /proc, history events per order from a sample of histories. Modes from
 * `BENCH_TEMPORAL_MODES` (default `dev,postgres`). Writes bench-report/end-to-end.md.
 */
const N = Number(process.env.BENCH_ORDERS ?? 2000);
const MODES = (process.env.BENCH_TEMPORAL_MODES ?? 'dev,postgres').split(',').map((m) => m.trim());
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 60);
const SAMPLE = 200;
// The supplier simulator's delays as `pnpm start` sets them (ack 1 s, shipment 2.5 s).
const SUPPLIER = { ackMs: 1000, shipMs: 2500 };
const TIMEOUT_MS = 300_000 + N * 500;

const { report, save } = benchReport('end-to-end.md');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

report(
  `# Orders end to end, processes as \`pnpm start\` runs them\n\nMachine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Run at ${new Date().toISOString()}. ${N} orders per burst. Load average (1 / 5 / 15 min) at the start: ${load()}.\n`,
);

describe('orders end to end on each Temporal mode', () => {
  afterAll(async () => {
    await save();
  });

  for (const name of MODES)
    it(`${name}: ${N} orders at once, paced at half the rate, no-op ceiling`, async () => {
      const mode = temporalMode({ ...process.env, SWITCHYARD_TEMPORAL: name });
      const logDir = join('bench-report', 'logs', name);
      const platform = await launchPlatform({
        mode,
        logDir,
        log: (m) => console.log(`[${name}] ${m}`),
      });
      const admin = createDb(platform.pg.adminUrl, { max: 4 });
      const connection = await Connection.connect({ address: platform.temporal.address });
      try {
        await measureMode(describeMode(mode), platform, admin, new Client({ connection }), logDir);
      } finally {
        await connection.close();
        await admin.destroy();
        await platform.stop();
      }
    }, 3_600_000);
});

async function measureMode(
  label: string,
  platform: LaunchedPlatform,
  admin: Db,
  client: Client,
  logDir: string,
) {
  const { services, demo } = platform;
  const pids = {
    api: services.api.child.pid,
    worker: services.worker.child.pid,
    'Temporal server': platform.temporal.pid,
    PostgreSQL: platform.pg.pid,
    'TikTok Shop simulator': services.simTikTokShop.child.pid,
    'supplier simulator': services.simSupplier.child.pid,
  };
  const createOrder = () =>
    fetch(`${platform.ttsUrl}/__control/orders`, {
      method: 'POST',
      body: JSON.stringify({ shop_id: demo.platformShopId }),
    }).then(async (r) => ((await r.json()) as { id: string }).id);
  const createMany = async (n: number, perSecond?: number) => {
    const ids: string[] = new Array(n);
    const t0 = performance.now();
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < n; i = next++) {
        const due = perSecond ? t0 + (i * 1000) / perSecond - performance.now() : 0;
        if (due > 0) await new Promise((r) => setTimeout(r, due));
        ids[i] = await createOrder();
      }
    };
    await Promise.all(Array.from({ length: perSecond ? 4 : 16 }, lane));
    return ids;
  };
  const waitOrders = (ids: string[]) =>
    waitAll(() => completedCount(admin, ids), ids.length, {
      timeoutMs: TIMEOUT_MS,
      stallMs: 120_000,
    });

  // Warm up: code paths compiled, pools and connections open.
  const warm = await createMany(20);
  await waitOrders(warm);

  const loadBefore = load();
  const before = cpuSnapshot(pids);
  const stopSampling = sampleCpu(pids);
  const ids = await createMany(N);
  const done = await waitOrders(ids);
  const cpu = cpuSince(before, cpuSnapshot(pids));
  const busy = stopSampling();
  const loadAfter = load();
  const times = await orderTimes(admin, ids);
  const burst = ordersPerSecond(times);
  const problems = await incomplete(admin, ids, done);
  const webhooks = await webhookStatuses(platform.ttsUrl);

  await new Promise((r) => setTimeout(r, 2000)); // the row says completed just before the close
  const sampled = times.flatMap((t) => (t.completed && t.workflowId ? [t.workflowId] : []));
  const orderCounts = await countHistories(client, sampled.slice(0, SAMPLE));

  const pacedRate = Math.max(1, burst.rate / 2);
  const paced = await createMany(Math.round(pacedRate * PACED_SECONDS), pacedRate);
  const pacedDone = await waitOrders(paced);
  const pacedTimes = await orderTimes(admin, paced);

  const taskQueue = `noop-${randomUUID().slice(0, 8)}`;
  const noop = await startNoopWorker({
    temporalAddress: platform.temporal.address,
    taskQueue,
    logDir,
    delays: SUPPLIER,
  });
  try {
    await runNoopBatch(client, taskQueue, 20, { timeoutMs: 60_000 });
    const noopPids = { ...pids, 'no-op worker': noop.child.pid };
    const noopBefore = cpuSnapshot(noopPids);
    const stopNoopSampling = sampleCpu(noopPids);
    const ceiling = await runNoopBatch(client, taskQueue, N, { timeoutMs: TIMEOUT_MS });
    const noopCpu = cpuSince(noopBefore, cpuSnapshot(noopPids));
    const noopBusy = stopNoopSampling();
    const noopCounts = await countHistories(client, ceiling.workflowIds.slice(0, SAMPLE));
    const ceilingRate = (ceiling.done * 1000) / ceiling.spanMs;

    const recorded = latency(times, 'recorded');
    const dispatch = latency(times, 'dispatched');
    const complete = latency(times, 'completed');
    const pacedDispatch = latency(pacedTimes, 'dispatched');
    const pacedComplete = latency(pacedTimes, 'completed');
    const perOrder = (ms: number | undefined, n: number) => fmt((ms ?? Number.NaN) / n, 1);
    const total = (c: Record<string, number>) =>
      Object.values(c).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);

    report(`## ${label}\n`);
    report(`Load average during the burst: ${loadBefore} before, ${loadAfter} after.\n`);
    report('| measure | value |\n| --- | --- |');
    report(
      `| orders/s, ${fmt(N)} at once (first shippable notification → last completed) | **${fmt(burst.rate, 1)}** (${burst.done}/${N} in ${fmt(burst.spanMs / 1000, 1)} s) |`,
    );
    report(
      `| ceiling: no-op workflows of the same shape/s, ${fmt(N)} at once, same server | **${fmt(ceilingRate, 1)}** (${ceiling.done}/${N} in ${fmt(ceiling.spanMs / 1000, 1)} s) |`,
    );
    report(`| orders as a share of the ceiling | **${fmt((100 * burst.rate) / ceilingRate)} %** |`);
    report(
      `| webhook → order recorded by the workflow, p50 / p99 ms (burst) | ${fmt(recorded.p50)} / ${fmt(recorded.p99)} |`,
    );
    report(
      `| webhook → supplier dispatch, p50 / p99 ms (burst) | ${fmt(dispatch.p50)} / ${fmt(dispatch.p99)} |`,
    );
    report(
      `| webhook → completed, p50 / p99 ms (burst) | ${fmt(complete.p50)} / ${fmt(complete.p99)} |`,
    );
    report(
      `| paced at half the rate, ${fmt(pacedRate, 1)}/s for ${PACED_SECONDS} s (${pacedDone}/${paced.length} completed): webhook → dispatch, p50 / p99 ms | **${fmt(pacedDispatch.p50)} / ${fmt(pacedDispatch.p99)}** |`,
    );
    report(
      `| paced: webhook → completed, p50 / p99 ms (supplier delays 1 s + 2.5 s included) | ${fmt(pacedComplete.p50)} / ${fmt(pacedComplete.p99)} |`,
    );
    report(
      `| history events per order / per no-op workflow (sample of ${orderCounts.workflows} / ${noopCounts.workflows}) | ${fmt(orderCounts.events, 1)} / ${fmt(noopCounts.events, 1)} |`,
    );
    report(
      '\nCPU by process: ms per order and % of one core (mean / busiest 2 s) during the burst; the same for the no-op ceiling:\n',
    );
    report(
      '| process | CPU-ms per order | % of a core | CPU-ms per no-op workflow | % of a core |\n| --- | --- | --- | --- | --- |',
    );
    for (const p of [...Object.keys(pids), 'no-op worker'])
      report(
        `| ${p} | ${perOrder(cpu[p], burst.done)} | ${fmt(busy.mean[p] ?? Number.NaN)} / ${fmt(busy.peaks[p] ?? Number.NaN)} | ${perOrder(noopCpu[p], ceiling.done)} | ${fmt(noopBusy.mean[p] ?? Number.NaN)} / ${fmt(noopBusy.peaks[p] ?? Number.NaN)} |`,
      );
    report(
      `| **all** | **${perOrder(total(cpu), burst.done)}** | ${fmt(total(busy.mean))} | **${perOrder(total(noopCpu), ceiling.done)}** | ${fmt(total(noopBusy.mean))} |\n`,
    );
    if (label.includes('PostgreSQL'))
      report(
        "PostgreSQL holds both the platform's data and Temporal's persistence and visibility here.\n",
      );
    if (webhooks)
      report(`Webhook deliveries by the marketplace simulator, by status: ${webhooks}.\n`);
    for (const line of problems) report(line);
    report(compareCounts({ order: orderCounts, 'no-op': noopCounts }));
    for (const [why, n] of Object.entries(orderCounts.failures))
      report(`\nOrder workflow task failed ${n}× in the sample: ${why}`);
    report('');
  } finally {
    await noop.stop();
  }
}

/** Why orders did not complete, by status. */
async function incomplete(admin: Db, ids: string[], done: number): Promise<string[]> {
  if (done >= ids.length) return [];
  const { rows } = await sql<{ status: string | null; n: number }>`
    select o.status, count(*)::int as n
    from unnest(${ids}::text[]) as i(id) left join orders o on o.platform_order_id = i.id
    group by 1 order by 2 desc`.execute(admin);
  return [
    `**${ids.length - done} of ${ids.length} orders did not complete in time**, by status: ${rows.map((r) => `${r.status ?? 'not stored'} ${r.n}`).join(', ')}.\n`,
  ];
}

async function webhookStatuses(ttsUrl: string): Promise<string> {
  const log = (await (await fetch(`${ttsUrl}/__control/webhooks`)).json()) as Array<{
    status: number | string;
  }>;
  const by = new Map<string, number>();
  for (const e of log) by.set(String(e.status), (by.get(String(e.status)) ?? 0) + 1);
  return [...by].map(([s, n]) => `${s}: ${n}`).join(', ');
}
