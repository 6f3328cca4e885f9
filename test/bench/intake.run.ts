import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { generateKeySpec } from '@switchyard/auth';
import { createTenant, withTenant } from '@switchyard/db';
import { seedShop } from '@switchyard/db/testing';
import { orderWorkflowId } from '@switchyard/domain';
import { freePort } from '@switchyard/infra/ports';
import { signWebhook } from '@switchyard/tiktok-shop';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../harness/database.ts';
import { benchReport } from './bench-report.ts';
import { cpuSpent, sampleCpu } from './cpu-by-process.ts';
import { ascending, fire, quantile, type Shot, spawnEntry } from './intake-load.ts';

/**
 * `pnpm bench`: webhook intake (R-IN-1) against the api running as its own process, as
 * `pnpm start` runs it, over real HTTP at a marketplace's concurrency; beside it, in the same
 * run and the same way, a bare Hono route on the api's server setup. Then how long a
 * notification takes from leaving the client to its order's workflow being started (Temporal's
 * own start time). No worker polls the task queue, so what is measured is intake and the
 * hand-on to Temporal, not the orders' fulfilment. Written to bench-report/intake.md.
 */
const APP_KEY = 'bench-app-key';
const APP_SECRET = 'bench-app-secret';
const PLATFORM_SHOP = '7495000000000000001';
const CONCURRENCY = 50;
const BURST = 2000;
const STEADY = { count: 1000, perSecond: 200 };

const { report, save } = benchReport('intake.md');
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : int(n));

describe('webhook intake', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;
  let shopId: string;
  let connection: Connection;
  let temporal: Client;
  const taskQueue = `bench-intake-${randomUUID().slice(0, 8)}`;
  let api: Awaited<ReturnType<typeof spawnEntry>>;
  let bare: Awaited<ReturnType<typeof spawnEntry>>;
  let apiUrl: string;
  let bareUrl: string;

  beforeAll(async () => {
    database = await freshDatabase();
    tenantId = await createTenant(database.db, 'Bench seller');
    shopId = await withTenant(database.db, tenantId, (trx) =>
      seedShop(trx, tenantId, PLATFORM_SHOP),
    );
    connection = await Connection.connect({ address: inject('temporalAddress') });
    temporal = new Client({ connection });
    const [apiPort, barePort] = await Promise.all([freePort(), freePort()]);
    apiUrl = `http://127.0.0.1:${apiPort}`;
    bareUrl = `http://127.0.0.1:${barePort}`;
    api = await spawnEntry(
      'services/api/src/main.ts',
      {
        PORT: String(apiPort),
        DATABASE_URL: database.appUrl,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        TTS_APP_KEY: APP_KEY,
        TTS_APP_SECRET: APP_SECRET,
        TTS_SERVICE_ID: 'bench-service',
        ENCRYPTION_KEYS: generateKeySpec('bench1'),
        LOG_LEVEL: 'warn',
      },
      `${apiUrl}/healthz`,
    );
    bare = await spawnEntry(
      'test/bench/bare-server.ts',
      { PORT: String(barePort) },
      `${bareUrl}/healthz`,
    );
    report(
      `# Webhook intake\n\nMachine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start. Run at ${new Date().toISOString()}.\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([api?.stop(), bare?.stop()]);
    await connection?.close();
    await database?.close();
    await save();
  });

  /** Signed notifications that each make an order shippable: each must start one workflow. */
  function notifications(n: number, label: string) {
    return Array.from({ length: n }, (_, i) => {
      const now = Math.floor(Date.now() / 1000);
      const orderId = `5765${label}${String(i).padStart(8, '0')}`;
      const body = JSON.stringify({
        type: 1,
        tts_notification_id: `bench-${label}-${i}-${randomUUID()}`,
        shop_id: PLATFORM_SHOP,
        timestamp: now,
        data: {
          order_id: orderId,
          order_status: 'AWAITING_SHIPMENT',
          is_on_hold_order: false,
          update_time: now,
        },
      });
      return {
        orderId,
        body,
        headers: {
          'content-type': 'application/json',
          authorization: signWebhook(APP_KEY, APP_SECRET, body),
        },
      };
    });
  }

  /** Every workflow of the task queue with its start time, once `expected` have started. */
  async function startedWorkflows(expected: number, timeoutMs = 300_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const started = new Map<string, number[]>();
      for await (const w of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}'` }))
        started.set(w.workflowId, [...(started.get(w.workflowId) ?? []), w.startTime.getTime()]);
      if (started.size >= expected || Date.now() > deadline) return started;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /**
   * Who is who in cpuSpent: the servers measured, this process (the load generator), and the
   * ports of this run's PostgreSQL and Temporal server.
   */
  const cpuRoles = () => ({
    roles: {
      [api.child.pid ?? -1]: 'api',
      [bare.child.pid ?? -1]: 'bare Hono',
      [process.pid]: 'load generator',
    },
    pgPort: new URL(inject('pgAdminUrl')).port,
    temporalPort: inject('temporalAddress').split(':').at(-1) ?? '',
  });

  const httpRow = (label: string, shots: Shot[], wallMs: number) => {
    const lat = ascending(shots.map((s) => s.ms));
    return `| ${label} | **${int((shots.length * 1000) / wallMs)}** | ${ms(quantile(lat, 0.5))} | ${ms(quantile(lat, 0.99))} | ${ms(lat.at(-1)!)} |`;
  };

  /** Sends `batch` to the api, then waits for all their workflows; returns both sides' figures. */
  async function intake(
    batch: ReturnType<typeof notifications>,
    opts: Parameters<typeof fire>[2],
    startedBefore: number,
  ) {
    const cpuBefore = sampleCpu();
    const sent = await fire(`${apiUrl}/webhooks/tiktok`, batch, opts);
    const cpu = cpuSpent(cpuBefore, sampleCpu(), cpuRoles());
    expect(sent.shots.filter((s) => s.status !== 200)).toEqual([]);
    const started = await startedWorkflows(startedBefore + batch.length);
    const toStart: number[] = [];
    let missing = 0;
    let doubled = 0;
    let lastStart = 0;
    batch.forEach((n, i) => {
      const starts = started.get(orderWorkflowId(tenantId, shopId, n.orderId));
      if (!starts) {
        missing++;
        return;
      }
      if (starts.length > 1) doubled++;
      toStart.push(starts[0]! - sent.shots[i]!.sentAt);
      lastStart = Math.max(lastStart, starts[0]!);
    });
    const first = Math.min(...sent.shots.map((s) => s.sentAt));
    return {
      ...sent,
      cpu,
      started,
      toStart: ascending(toStart),
      missing,
      doubled,
      spanMs: lastStart - first,
    };
  }

  it(`${BURST} notifications at concurrency ${CONCURRENCY}, then ${STEADY.count} at ${STEADY.perSecond}/s`, async () => {
    const warm = notifications(300, '1');
    await fire(`${bareUrl}/webhooks/tiktok`, warm, { concurrency: CONCURRENCY });
    const warmed = await intake(warm, { concurrency: CONCURRENCY }, 0);

    const burst = notifications(BURST, '2');
    const bareCpuBefore = sampleCpu();
    const bareRun = await fire(`${bareUrl}/webhooks/tiktok`, burst, { concurrency: CONCURRENCY });
    const bareCpu = cpuSpent(bareCpuBefore, sampleCpu(), cpuRoles());
    const b = await intake(burst, { concurrency: CONCURRENCY }, warmed.started.size);

    const steady = notifications(STEADY.count, '3');
    const s = await intake(steady, { concurrency: CONCURRENCY, ...STEADY }, b.started.size);

    report(
      `## Acknowledgement, ${int(BURST)} signed notifications at concurrency ${CONCURRENCY} over keep-alive HTTP\n`,
    );
    report('| server | requests/s | p50 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |');
    report(
      httpRow(
        'baseline: bare Hono route, same server setup, own process',
        bareRun.shots,
        bareRun.wallMs,
      ),
    );
    report(httpRow('api `POST /webhooks/tiktok`, own process', b.shots, b.wallMs));
    if (bareCpu && b.cpu)
      report(
        `\nCPU ms spent meanwhile (${cpus().length} cores): bare Hono run: ${bareCpu}; api run: ${b.cpu}; steady run: ${s.cpu}.`,
      );
    report('');
    report('## Webhook → order workflow started (Temporal start time − request sent)\n');
    report(
      '| load | p50 ms | p99 ms | last started after | lost | doubled |\n| --- | --- | --- | --- | --- | --- |',
    );
    for (const [label, r] of [
      [`burst of ${int(BURST)} at concurrency ${CONCURRENCY}`, b],
      [`${int(STEADY.count)} at a steady ${STEADY.perSecond}/s`, s],
    ] as const)
      report(
        `| ${label} | **${ms(quantile(r.toStart, 0.5))}** | **${ms(quantile(r.toStart, 0.99))}** | ${(r.spanMs / 1000).toFixed(1)} s (${int((r.toStart.length * 1000) / r.spanMs)} starts/s) | ${r.missing} | ${r.doubled} |`,
      );
    report(
      `\nSteady run acknowledgement: ${httpRow('', s.shots, s.wallMs)
        .split('|')
        .slice(3, 5)
        .map((x) => x.trim())
        .join(' / ')} ms (p50 / p99).\n`,
    );
    expect({ missing: b.missing + s.missing, doubled: b.doubled + s.doubled }).toEqual({
      missing: 0,
      doubled: 0,
    });
  });
});
