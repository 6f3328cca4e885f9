import { cpus, loadavg, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { benchReport } from './bench-report.ts';
import { measureOutcomes, percent } from './seller-outcome/measure.ts';
import { SIMULATED_NETWORK } from './seller-outcome/network.ts';
import { runSimulation, type SimulationMode } from './seller-outcome/simulate.ts';

/**
 * `pnpm bench`: the seller outcome simulation (issue 10). The same orders (same marketplace
 * seed is not needed: every supplier decides per order from the network's seed) through the
 * whole platform twice: with Switchyard's routing, acknowledgement deadline and re-routing
 * (R-RT-1, R-SLA-2, R-SLA-4), and with the baseline policy (the first able supplier by code,
 * waited for until the marketplace deadline). Compressed time: every clock, deadline and delay
 * divided by the same factor. Writes bench-report/seller-outcome.md. A measurement, not a test.
 */
const ORDERS = Number(process.env.BENCH_SIM_ORDERS ?? 1000);
const TIME_SCALE = Number(process.env.BENCH_SIM_TIME_SCALE ?? 600);
const RATE = Number(process.env.BENCH_SIM_ORDERS_PER_S ?? 2);
const SEED = Number(process.env.BENCH_SIM_SEED ?? 1);
const MODES = (process.env.BENCH_SIM_MODES ?? 'switchyard,baseline').split(',') as SimulationMode[];

const { report, save } = benchReport('seller-outcome.md');

describe('seller outcome simulation', () => {
  it(`${ORDERS} orders across ten simulated suppliers`, { timeout: 3_600_000 }, async () => {
    report('# Seller outcome simulation');
    report('');
    report(
      `${ORDERS} orders per mode, ${RATE} new orders/s, seed ${SEED}; time compressed ${TIME_SCALE}× ` +
        `(1 simulated hour = ${(3600 / TIME_SCALE).toFixed(2)} s). Machine: ${cpus().length} × ` +
        `${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
        `load average ${loadavg()[0]?.toFixed(1)} at the start.`,
    );
    report('');
    report('| supplier | connector | behaviour |');
    report('| --- | --- | --- |');
    for (const s of SIMULATED_NETWORK)
      report(`| ${s.profile.code} | ${s.profile.connector} | ${s.role} |`);
    report('');
    report(
      '| mode | shipped before the deadline | first scan within 72 h | failed | still open | re-routes | real time |',
    );
    report('| --- | --- | --- | --- | --- | --- | --- |');
    const shares: Record<string, number> = {};
    const detail: string[] = [];
    for (const mode of MODES) {
      const r = await runSimulation({
        mode,
        orders: ORDERS,
        timeScale: TIME_SCALE,
        ordersPerSecond: RATE,
        seed: SEED,
      });
      const f = measureOutcomes(r, TIME_SCALE);
      shares[mode] = f.onTime / f.orders;
      report(
        `| ${mode} | **${percent(f.onTime, f.orders)}** (${f.onTime}) | ${percent(f.scannedIn72h, f.orders)} | ${f.failed} | ${f.open} | ${f.reroutes} | ${r.realSeconds.toFixed(0)} s |`,
      );
      detail.push(`${mode}: ${JSON.stringify(r.network)}`);
      const shippers = new Map<string, number>();
      for (const o of r.orders)
        shippers.set(o.shippedBy ?? '(none)', (shippers.get(o.shippedBy ?? '(none)') ?? 0) + 1);
      detail.push(
        `${mode}, orders shipped by: ${[...shippers]
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    }
    report('');
    report('What each simulated supplier did (per mode):');
    report('');
    for (const d of detail) report(`- ${d}`);
    await save();
    expect(Object.keys(shares).length).toBe(MODES.length);
  });
});
