import { orderWorkflowId } from '@switchyard/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { eventually, type Platform, startPlatform } from '../harness/platform.ts';
import { benchReport } from './bench-report.ts';
import {
  compareCounts,
  countDbRoundTrips,
  countHistories,
  findProcess,
  type RoundTrips,
  timeStatements,
  treeCpuMs,
} from './order-costs.ts';

/**
 * A batch of orders created at once in the marketplace simulator, through the whole platform
 * in one process (api, worker, simulators) against the run's Temporal dev server and
 * PostgreSQL: orders/s, what one order costs the engine (history events, activities, workflow
 * tasks), statements per activity, and CPU-ms per order by process. `BENCH_ORDERS` sets the
 * batch (default 300). Writes bench-report/orders.md. Measurements, not tests.
 */
const N = Number(process.env.BENCH_ORDERS ?? 300);
const { report, save } = benchReport('orders.md');

describe('orders, end to end, in one batch', () => {
  let p: Platform;
  beforeAll(async () => {
    // Reconciliation every 2 s (the harness's pace) finds orders whose notifications the
    // simulator gave up on under load; its passes also signal orders that are running.
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
    await save();
  });

  it(`${N} orders at once`, async () => {
    const t = p.tenants[0]!;
    const temporalPort = inject('temporalAddress').split(':').at(-1)!;
    const pgPort = new URL(inject('pgAdminUrl')).port;
    const temporalPid = findProcess(['start-dev', temporalPort]);
    const pgPid = findProcess(['-p', pgPort]);
    const cpu = () => ({
      platform: process.cpuUsage(),
      temporal: temporalPid ? treeCpuMs(temporalPid) : Number.NaN,
      postgres: pgPid ? treeCpuMs(pgPid) : Number.NaN,
    });

    // Warm up: code paths compiled, pools and connections open.
    const warm = p.tts.createOrder(t.simShopId);
    await p.orderResult(t.tenantId, t.shopId, warm.id);

    const stopTiming = await timeStatements(p.admin as never);
    const stopCounting = countDbRoundTrips();
    const before = cpu();
    const t0 = Date.now();
    const ids = Array.from({ length: N }, () => p.tts.createOrder(t.simShopId).id);
    const done = () =>
      p.admin
        .selectFrom('orders')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'completed')
        .where('platform_order_id', 'in', ids)
        .executeTakeFirstOrThrow()
        .then((r) => r.n);
    await eventually(async () => (await done()) === N, 600_000, 250);
    const wallMs = Date.now() - t0;
    const after = cpu();
    const trips = stopCounting();
    const pgTimes = await stopTiming();

    const times = await p.admin
      .selectFrom('order_events as e')
      .innerJoin('orders as o', 'o.id', 'e.order_id')
      .select(['e.kind', 'e.at'])
      .where('o.platform_order_id', 'in', ids)
      .where('e.kind', 'in', ['dispatched', 'completed'])
      .execute();
    const spread = (kind: string) => {
      const ms = times
        .filter((r) => r.kind === kind)
        .map((r) => new Date(r.at).getTime() - t0)
        .sort((a, b) => a - b);
      const q = (x: number) => ms[Math.min(ms.length - 1, Math.floor(x * ms.length))] ?? 0;
      return `${q(0.5).toLocaleString('en-US')} / ${q(0.99).toLocaleString('en-US')}`;
    };

    const workflowIds = ids.map((id) => orderWorkflowId(t.tenantId, t.shopId, id));
    // The order's row says completed a moment before its workflow closes.
    const closed = await eventually(
      async () => {
        const open = await Promise.all(
          workflowIds.map((id) =>
            p.temporal.workflow
              .getHandle(id)
              .describe()
              .then((d) => d.status.name === 'RUNNING'),
          ),
        );
        return open.every((o) => !o) || undefined;
      },
      30_000,
      1000,
    ).catch(() => false);
    const counts = await countHistories(p.temporal, workflowIds);
    if (!closed) {
      report('**Some workflows were still running 30 s after their orders completed.**');
      for (const id of workflowIds) {
        const h = p.temporal.workflow.getHandle(id);
        if ((await h.describe()).status.name !== 'RUNNING') continue;
        const events = (await h.fetchHistory()).events ?? [];
        const names = events.map((e) => Object.keys(e).find((k) => k.endsWith('Attributes')));
        report(`One of them, ${id}: ${names.join(', ')}`);
        break;
      }
    }
    for (const [why, n] of Object.entries(counts.failures))
      report(`Workflow task failed ${n}×: ${why}`);

    const platformMs =
      (after.platform.user -
        before.platform.user +
        after.platform.system -
        before.platform.system) /
      1000;
    const per = (ms: number) => (ms / N).toFixed(1);
    report(`## ${N} orders created at once (dev server, platform in one process)\n`);
    report('| measure | value |\n| --- | --- |');
    report(
      `| orders/s, first created → last completed | **${((N * 1000) / wallMs).toFixed(1)}** |`,
    );
    report(`| created → dispatched, p50 / p99 ms | ${spread('dispatched')} |`);
    report(`| created → completed, p50 / p99 ms | ${spread('completed')} |`);
    report(`| CPU-ms per order: api + worker + simulators (one process) | ${per(platformMs)} |`);
    report(`| CPU-ms per order: Temporal dev server | ${per(after.temporal - before.temporal)} |`);
    report(`| CPU-ms per order: PostgreSQL | ${per(after.postgres - before.postgres)} |\n`);
    report(compareCounts({ order: counts }));
    report('');
    report(describeTrips(trips, N));
    report('');
    report(describePgTimes(pgTimes, N));
  });
});

/** PostgreSQL's execution time per order over the batch, and the statements it went to. */
function describePgTimes(
  t: Awaited<ReturnType<Awaited<ReturnType<typeof timeStatements>>>>,
  orders: number,
) {
  return [
    `PostgreSQL execution time (pg_stat_statements, the application database): ${(t.totalMs / orders).toFixed(2)} ms and ${(t.calls / orders).toFixed(1)} statements per order.`,
    '',
    '| statement | calls per order | ms per order | mean ms |',
    '| --- | --- | --- | --- |',
    ...t.top.map(
      (r) =>
        `| \`${r.query.replaceAll('|', '\\|')}\` | ${(r.calls / orders).toFixed(2)} | ${(r.totalMs / orders).toFixed(3)} | ${r.meanMs.toFixed(3)} |`,
    ),
  ].join('\n');
}

function describeTrips(trips: RoundTrips, orders: number): string {
  const rows = [...trips].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((a, [, c]) => a + c.statements, 0);
  return [
    '| activity | runs per order | statements per run |',
    '| --- | --- | --- |',
    ...rows.map(
      ([k, c]) =>
        `| ${k} | ${(c.runs / orders).toFixed(2)} | ${c.runs ? (c.statements / c.runs).toFixed(1) : `${(c.statements / orders).toFixed(1)} per order`} |`,
    ),
    `| **all statements, per order** | | **${(total / orders).toFixed(1)}** |`,
    '',
    '| activity | statement | per order |',
    '| --- | --- | --- |',
    ...rows.flatMap(([k, c]) =>
      [...c.texts]
        .filter(([, n]) => n / orders >= 0.2)
        .sort((a, b) => b[1] - a[1])
        .map(
          ([text, n]) =>
            `| ${k} | \`${text.replaceAll('|', '\\|')}\` | ${(n / orders).toFixed(2)} |`,
        ),
    ),
  ].join('\n');
}
