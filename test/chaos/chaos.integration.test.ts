import { join } from 'node:path';
import { createDb, type Db } from '@switchyard/db';
import type { LaunchedPlatform } from '@switchyard/infra/launch-platform';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBatch } from './batch.ts';
import { type ChaosResult, runChaos } from './chaos-run.ts';
import { PROCESS_FAULTS } from './faults.ts';
import { launchScaledOut } from './launch.ts';

/**
 * Scale-out and chaos on one machine (`pnpm test:chaos`; `CHAOS_ORDERS` sets the size, 40 in
 * `pnpm test`): two api processes behind a round-robin balancer, two workers, the Temporal
 * server on PostgreSQL. First a batch without faults that must complete exactly once across the
 * replicas; then the chaos run: orders in flight while workers are SIGKILLed, the Temporal
 * server is SIGKILLed and restarted on its database, the app's PostgreSQL backends are
 * terminated and the api restarted, with the simulators failing 20 % of calls and dropping,
 * duplicating and reordering webhooks. Invariants from the tables and the simulators' records;
 * every process's log scanned for buyer data and secrets.
 */
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 40);
const FAULTS_PER_KIND = Number(process.env.CHAOS_FAULTS_PER_KIND ?? (ORDERS >= 500 ? 4 : 1));
const SEED = Number(process.env.CHAOS_SEED ?? 1301);
const LOG_DIR = join('test-results', 'chaos', 'logs');

describe('scaled out and under chaos', () => {
  const problem = inject('temporalServerProblem');
  let p: LaunchedPlatform | undefined;
  let admin: Db | undefined;
  let chaos: ChaosResult | undefined;
  beforeAll(async () => {
    if (problem) return;
    p = await launchScaledOut({
      logDir: LOG_DIR,
      apis: 2,
      workers: 2,
      log: (m) => console.log(`[chaos] ${m}`),
    });
    admin = createDb(p.pg.adminUrl, { max: 4 });
  }, 600_000);
  afterAll(async () => {
    await admin?.destroy();
    await p?.stop();
  }, 120_000);
  const platform = () => {
    if (problem) throw new Error(`no PostgreSQL-backed Temporal server: ${problem}`);
    return { p: p!, admin: admin! };
  };

  it('two apis and two workers: the same orders complete exactly once', async () => {
    const { p, admin } = platform();
    const batch = await runBatch(p, admin, 12);
    expect(batch.invariants.violations).toEqual([]);
    expect(batch.invariants.byStatus).toEqual({ completed: 12 });
    expect(batch.invariants.counts).toMatchObject({
      'dispatch rows': 12,
      'dispatches accepted by the supplier': 12,
      'packages at the marketplace': 12,
      'order_fee lines': 12,
      'logistics_markup lines': 12,
    });
    // Both api processes took requests through the balancer.
    expect(p.balancer!.served().every((n) => n > 0)).toBe(true);
  }, 600_000);

  it(`${ORDERS} orders under chaos: every invariant holds`, async () => {
    const { p, admin } = platform();
    chaos = await runChaos(p, admin, {
      orders: ORDERS,
      faultsPerKind: FAULTS_PER_KIND,
      seed: SEED,
      perSecond: 4,
      logDir: LOG_DIR,
      reportFile: join('test-results', 'chaos', `report-${ORDERS}.md`),
      log: (m) => console.log(`[chaos] ${m}`),
    });
    for (const f of PROCESS_FAULTS) expect(chaos.injected[f], f).toBe(FAULTS_PER_KIND);
    expect(chaos.invariants.violations).toEqual([]);
    expect(chaos.invariants.counts['orders stored']).toBe(ORDERS);
  }, 3_600_000);

  it('no buyer name, phone, street line, token or key in any process log', () => {
    if (!chaos) throw new Error('the chaos run did not finish');
    expect(chaos.logHits).toEqual([]);
  });
});
