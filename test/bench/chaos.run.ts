import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDb } from '@switchyard/db';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos-run.ts';
import { launchScaledOut } from '../chaos/launch.ts';

/**
 * `pnpm bench`: the chaos suite at full size (`CHAOS_ORDERS`, default 1,000; each process
 * fault `CHAOS_FAULTS_PER_KIND` times, default 4) on two apis, two workers and the Temporal
 * server on PostgreSQL. Writes bench-report/chaos.md.
 */
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 1000);
const FAULTS_PER_KIND = Number(process.env.CHAOS_FAULTS_PER_KIND ?? 4);
const LOG_DIR = join('bench-report', 'logs', 'chaos');

describe('chaos at full size', () => {
  it(`${ORDERS} orders under chaos`, async () => {
    const p = await launchScaledOut({
      logDir: LOG_DIR,
      apis: 2,
      workers: 2,
      log: (m) => console.log(`[chaos] ${m}`),
    });
    const admin = createDb(p.pg.adminUrl, { max: 4 });
    try {
      const result = await runChaos(p, admin, {
        orders: ORDERS,
        faultsPerKind: FAULTS_PER_KIND,
        seed: Number(process.env.CHAOS_SEED ?? 1301),
        perSecond: Number(process.env.CHAOS_RATE ?? 5),
        logDir: LOG_DIR,
        reportFile: join('bench-report', 'chaos.md'),
        log: (m) => console.log(`[chaos] ${m}`),
      });
      await mkdir('bench-report', { recursive: true });
      await writeFile(
        join('bench-report', 'chaos.md'),
        `# Chaos, ${ORDERS} orders\n\n${result.report}\n`,
      );
      expect(result.invariants.violations).toEqual([]);
      expect(result.logHits).toEqual([]);
    } finally {
      await admin.destroy();
      await p.stop();
    }
  }, 7_200_000);
});
