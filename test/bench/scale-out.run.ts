import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@switchyard/db';
import { describe, expect, it } from 'vitest';
import { type Batch, runBatch } from '../chaos/batch.ts';
import { launchScaledOut } from '../chaos/launch.ts';

/**
 * `pnpm bench`: throughput with one worker against two, in the same run on the same platform
 * (two apis behind the balancer, Temporal on PostgreSQL): a burst of `SCALE_ORDERS` (default
 * 300) with the second worker stopped, then the same burst with it running, then one worker
 * again so that a trend in the machine's load shows. Writes bench-report/scale-out.md.
 */
const N = Number(process.env.SCALE_ORDERS ?? 300);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

describe('scale out: one worker against two', () => {
  it(`${N} orders at once with one, two, then one worker`, async () => {
    const p = await launchScaledOut({
      logDir: join('bench-report', 'logs', 'scale-out'),
      apis: 2,
      workers: 2,
      log: (m) => console.log(`[scale-out] ${m}`),
    });
    const admin = createDb(p.pg.adminUrl, { max: 4 });
    const rows: string[] = [];
    const measure = async (label: string) => {
      const before = load();
      const b: Batch = await runBatch(p, admin, N);
      const rate = (b.completed * 1000) / b.spanMs;
      rows.push(
        `| ${label} | ${b.completed}/${N} | ${(b.spanMs / 1000).toFixed(1)} | **${rate.toFixed(1)}** | ${before} → ${load()} |`,
      );
      expect(b.invariants.violations).toEqual([]);
      return rate;
    };
    try {
      await runBatch(p, admin, 20); // warm-up: code compiled, pools open
      await p.workers.list()[1]!.stop();
      await measure('1 worker');
      await p.workers.restart(1, 'SIGTERM');
      await measure('2 workers');
      await p.workers.list()[1]!.stop();
      await measure('1 worker again');
    } finally {
      await admin.destroy();
      await p.stop();
    }
    const report = [
      '# Scale out: one worker against two',
      '',
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}. Two api processes behind the round-robin balancer, Temporal server on PostgreSQL (4 history shards); ${N} orders created at once per row.`,
      '',
      '| workers | completed | first notification → last completion, s | orders/s | load average (1/5/15 min) before → after |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
    console.log(report);
    await mkdir('bench-report', { recursive: true });
    await writeFile(join('bench-report', 'scale-out.md'), report);
  }, 7_200_000);
});
