import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseOrderExport } from '@switchyard/domain/csv';
import { generateOrderExport } from '@switchyard/domain/csv/fixtures';
import { signWebhook } from '@switchyard/tiktok-shop';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { makeWorkload, runChecks } from './checks.ts';

/**
 * `pnpm bench`: measured figures next to a baseline taken in the same run, written to
 * bench-report/latest.md. Nothing here asserts a time; these are measurements, not tests.
 */
const lines: string[] = [];
const report = (s: string) => {
  lines.push(s);
  console.log(s);
};
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
    await mkdir('bench-report', { recursive: true });
    await writeFile('bench-report/latest.md', `${lines.join('\n')}\n`);
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
