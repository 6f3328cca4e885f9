import { cpus, totalmem } from 'node:os';
import { parseOrderExport } from '@switchyard/domain/csv';
import { generateOrderExport } from '@switchyard/domain/testing';
import { signWebhook } from '@switchyard/tiktok-shop';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { benchReport } from './bench-report.ts';
import { makeWorkload, runChecks } from './checks.ts';
import { commaFile, healthLatencies, postFile, spread } from './uploads.ts';

/**
 * `pnpm bench`: measured figures next to a baseline taken in the same run, written to
 * bench-report/latest.md. Nothing here asserts a time; these are measurements, not tests.
 */
const { report, save } = benchReport('latest.md');
async function* once(b: Uint8Array) {
  yield b;
}
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms).toLocaleString('en-US');

describe('benchmarks', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    report(
      `# Switchyard benchmarks\n\nMachine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Run at ${new Date().toISOString()}.\n`,
    );
  });
  afterAll(async () => {
    await p?.close();
    await save();
  });

  it('the three checks, one core', async () => {
    const w = makeWorkload(60_000);
    runChecks({ ...w, orders: w.orders.slice(0, 10_000) }); // warm up the JIT
    const t0 = performance.now();
    runChecks(w);
    const checksMs = performance.now() - t0;

    // Baseline: the least I/O an order costs, one committed row in PostgreSQL.
    await sql`create table bench_rows (id bigint primary key, body text)`.execute(p.admin);
    const n = 2000;
    const t1 = performance.now();
    for (let i = 0; i < n; i++)
      await sql`insert into bench_rows values (${i}, 'x')`.execute(p.admin);
    const insertMs = performance.now() - t1;
    report('## Checks (clean + comply + map + validate)\n');
    report('| measure | orders/s |\n| --- | --- |');
    report(
      `| checks, one core, ${w.orders.length.toLocaleString('en-US')} orders | **${rate(w.orders.length, checksMs)}** (target ≥ 20,000) |`,
    );
    report(`| baseline: single-row INSERT + commit in PostgreSQL | ${rate(n, insertMs)} |\n`);
  });

  it('CSV import of 100,000 rows end to end into the database', async () => {
    const t = p.tenants[0]!;
    await p.stopWorker(); // measure intake; the import's orders stay queued in Temporal
    const file = generateOrderExport({ orders: 52_000, badEvery: 20, seed: 7 });
    const bytes = Buffer.from(file.csv);
    const t0 = performance.now();
    let parsed = 0;
    for await (const e of parseOrderExport(once(bytes))) if (e.kind === 'summary') parsed = e.rows;
    const parseMs = performance.now() - t0;

    const t1 = performance.now();
    const res = await fetch(`${p.apiUrl}/v1/imports/orders?shop_id=${t.shopId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiToken}`, 'content-type': 'text/csv' },
      body: bytes,
    });
    const body = (await res.json()) as { rows: number; accepted: number; rejected: number };
    const importMs = performance.now() - t1;
    report('## CSV import (R-IN-3)\n');
    report(
      `File: ${file.rows.toLocaleString('en-US')} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB; HTTP ${res.status}: ${body.accepted} orders accepted, ${body.rejected} rejected.\n`,
    );
    report('| measure | rows/s |\n| --- | --- |');
    report(
      `| upload → parse → validate → encrypt → store, over HTTP | **${rate(body.rows, importMs)}** (${(importMs / 1000).toFixed(1)} s) |`,
    );
    report(`| baseline: parse + validate only, in memory | ${rate(parsed, parseMs)} |\n`);
    await p.startWorker();
    await p.temporal.workflow
      .getHandle(
        `csv-import:${(await p.admin.selectFrom('csv_imports').select('id').executeTakeFirstOrThrow()).id}`,
      )
      .terminate('benchmark over');
  });

  it('uploads and everyone else: /healthz during uploads, refusal of files of commas', async () => {
    const t = p.tenants[0]!;
    const url = `${p.apiUrl}/v1/imports/orders?shop_id=${t.shopId}`;
    const headers = { authorization: `Bearer ${t.apiToken}`, 'content-type': 'text/csv' };
    const idle = await healthLatencies(p.apiUrl, new Promise((r) => setTimeout(r, 2000)));
    const MiB = 2 ** 20;

    const refusals = [];
    for (const shape of ['one line', 'empty rows'] as const) {
      const refusing = postFile(url, headers, commaFile(40 * MiB, shape));
      const during = await healthLatencies(p.apiUrl, refusing);
      const refused = await refusing;
      const { code } = (JSON.parse(refused.text) as { error: { code: string } }).error;
      refusals.push({ shape, during, refused, code });
    }

    await p.stopWorker(); // the import's orders stay queued in Temporal, as above
    const file = generateOrderExport({ orders: 52_000, badEvery: 20, seed: 8 });
    const bytes = Buffer.from(file.csv);
    const importing = postFile(url, headers, bytes);
    const duringImport = await healthLatencies(p.apiUrl, importing);
    const imported = await importing;
    const { importId } = JSON.parse(imported.text) as { importId: string };
    await p.temporal.workflow.getHandle(`csv-import:${importId}`).terminate('benchmark over');
    await p.startWorker();

    report('## Uploads and everyone else (one upload must not slow the others)\n');
    report('| while | /healthz p50 / p99 / max, ms |\n| --- | --- |');
    report(`| baseline: idle, 2 s of requests one after the other | ${spread(idle)} |`);
    for (const r of refusals)
      report(
        `| a 40 MiB file of commas (${r.shape}), until the exchange is over | **${spread(r.during)}** |`,
      );
    report(
      `| a ${(bytes.length / MiB).toFixed(1)} MiB export of ${file.rows.toLocaleString('en-US')} rows, parsed and stored (${(imported.answeredMs / 1000).toFixed(1)} s) | **${spread(duringImport)}** |\n`,
    );
    report(
      '| 40 MiB file of commas | answer | time to the answer | until all is sent and closed |',
    );
    report('| --- | --- | --- | --- |');
    for (const { shape, refused, code } of refusals)
      report(
        `| ${shape} | ${refused.status} ${code} | **${Math.round(refused.answeredMs).toLocaleString('en-US')} ms, ${(refused.answeredMs / 40).toFixed(1)} ms per MiB** | ${Math.round(refused.doneMs).toLocaleString('en-US')} ms |`,
      );
    report('');
  });

  it('one order end to end in the walking skeleton', async () => {
    const t = p.tenants[0]!;
    const ms: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const o = p.tts.createOrder(t.simShopId);
      await p.orderResult(t.tenantId, t.shopId, o.id);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const pct = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!);
    report(
      '## One order end to end (webhook → checks → supplier → tracking → marketplace → ledger)\n',
    );
    report('| measure | ms |\n| --- | --- |');
    report(`| p50 over ${ms.length} orders | **${pct(0.5)}** |\n| p95 | ${pct(0.95)} |`);
    report("| baseline: the supplier simulator's own delays (ack 20 ms + ship 50 ms) | 70 |\n");
  });

  it('webhook acknowledgement latency (R-IN-1: 200 only after the inbox write)', async () => {
    const t = p.tenants[0]!;
    const orders = await p.admin
      .selectFrom('orders')
      .select('platform_order_id')
      .limit(20)
      .execute();
    const ms: number[] = [];
    for (let i = 0; i < 200; i++) {
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({
        type: 1,
        tts_notification_id: `bench-${i}`,
        shop_id: t.simShopId,
        timestamp: now,
        data: {
          order_id: orders[i % orders.length]!.platform_order_id,
          order_status: 'AWAITING_SHIPMENT',
          update_time: now,
        },
      });
      const t0 = performance.now();
      const res = await fetch(`${p.apiUrl}/webhooks/tiktok`, {
        method: 'POST',
        headers: {
          authorization: signWebhook('sim-app-key', 'sim-app-secret', body),
          'content-type': 'application/json',
        },
        body,
      });
      await res.text();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    const pct = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
    report('## Webhook acknowledgement (verify, inbox write, start or find the workflow)\n');
    report('| measure | ms |\n| --- | --- |');
    report(`| p50 over ${ms.length} notifications | **${pct(0.5)}** |\n| p99 | ${pct(0.99)} |`);
    report("| baseline: TikTok's patience before it retries | 3000 |\n");
  });
});
