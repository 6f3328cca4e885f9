import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { Db } from '@switchyard/db';
import { seededRng } from '@switchyard/domain/testing';
import type { LaunchedPlatform } from '@switchyard/infra/launch-platform';
import { sql } from 'kysely';
import { createInjector, PROCESS_FAULTS, type ProcessFault, setSimFaults } from './faults.ts';
import {
  checkInvariants,
  type InvariantReport,
  settledCount,
  waitInboxRouted,
} from './invariants.ts';
import { buyerNeedles, type LogHit, logBytes, scanLogs, secretNeedles } from './log-scan.ts';
import { createOrders, readSimRecords } from './sim-records.ts';

export interface ChaosOptions {
  orders: number;
  /** Each process fault is injected this many times, at seeded random moments. */
  faultsPerKind: number;
  seed: number;
  /** Orders created per second while the faults are injected. */
  perSecond: number;
  logDir: string;
  /** Where the Markdown report goes. */
  reportFile: string;
  log?: (m: string) => void;
}

export interface ChaosResult {
  invariants: InvariantReport;
  injected: Record<ProcessFault, number>;
  logHits: LogHit[];
  report: string;
}

/**
 * The chaos run: orders created at a steady pace while the worker, the Temporal server, the
 * database connections and the api are hit at seeded random moments and the simulators fail,
 * drop, duplicate and reorder; then, once every order is finished or held (or progress stops),
 * the invariants from the database and the simulators, and the logs scanned for buyer data
 * and secrets.
 */
export async function runChaos(p: LaunchedPlatform, admin: Db, o: ChaosOptions) {
  const say = o.log ?? (() => {});
  const rng = seededRng(o.seed);
  const started = Date.now();
  const loadBefore = loadavg()[0]!.toFixed(2);
  const injector = createInjector(p, p.pg.adminUrl);
  await setSimFaults(p, true);

  const creating = Math.ceil((o.orders * 1000) / o.perSecond);
  const stormMs = Math.max(30_000, creating + 15_000);
  const plan = PROCESS_FAULTS.flatMap((f) => Array.from({ length: o.faultsPerKind }, () => f))
    .map((f) => ({ f, at: Math.floor(rng() * stormMs), pick: Math.floor(rng() * 1000) }))
    .sort((a, b) => a.at - b.at);
  say(`${o.orders} orders at ${o.perSecond}/s; ${plan.length} faults over ${stormMs / 1000} s`);

  const storm = (async () => {
    for (const step of plan) {
      const wait = started + step.at - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      say(`fault at ${((Date.now() - started) / 1000).toFixed(1)} s: ${step.f}`);
      await injector.inject(step.f, step.pick, 1000 + Math.floor(rng() * 4000));
    }
  })();
  let ids: string[] = [];
  try {
    ids = await createOrders(p, o.orders, o.perSecond);
    await storm;
  } finally {
    await storm.catch(() => {});
  }
  say(`faults done after ${((Date.now() - started) / 1000).toFixed(0)} s; waiting for quiescence`);

  const settled = await waitSettled(admin, ids, say);
  // Notifications held back or retried may still arrive; each must be routed before we count.
  await setSimFaults(p, false);
  await new Promise((r) => setTimeout(r, 8000));
  await waitInboxRouted(admin);
  injector.stop();

  const sims = await readSimRecords(p, ids);
  const invariants = await checkInvariants(admin, ids, sims.records);
  const calls = await failedCalls(admin);
  const needles = [...buyerNeedles(sims.recipients), ...secretNeedles(p.secrets, sims.tokens)];
  const sizes = await logBytes(o.logDir);
  const logHits = await scanLogs(o.logDir, needles);

  const lines = [
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadBefore} at the start and ${loadavg()[0]!.toFixed(2)} at the end; seed ${o.seed}; ${p.apis.list().length} api processes behind a round-robin balancer, ${p.workers.list().length} workers, Temporal server on PostgreSQL. Run took ${((Date.now() - started) / 1000).toFixed(0)} s; ${settled} of ${ids.length} orders settled.`,
    '',
    '| fault injected | count |',
    '| --- | --- |',
    ...Object.entries(injector.counts()).map(([k, n]) => `| ${k} | ${n} |`),
    `| PostgreSQL backends terminated in all | ${injector.backendsTerminated()} |`,
    `| replicas found dead and restarted by the supervisor | ${injector.unplannedRestarts()} |`,
    ...Object.entries(sims.dealt).map(([k, n]) => `| ${k} | ${n} |`),
    ...Object.entries(calls).map(([k, n]) => `| ${k} (platform's call log) | ${n} |`),
    '',
    '| checked | count |',
    '| --- | --- |',
    `| orders created at the marketplace | ${ids.length} |`,
    ...Object.entries(invariants.byStatus).map(([s, n]) => `| orders ${s} | ${n} |`),
    ...Object.entries(invariants.counts).map(([k, n]) => `| ${k} | ${n} |`),
    `| log files scanned (bytes) | ${Object.keys(sizes).length} (${Object.values(sizes).reduce((a, b) => a + b, 0)}) |`,
    `| values looked for in logs (buyer data, secrets, tokens) | ${needles.length} |`,
    `| log lines with buyer data or a secret | ${logHits.length} |`,
    '',
    invariants.violations.length
      ? `Violations:\n${invariants.violations.map((v) => `- ${v}`).join('\n')}`
      : 'Every invariant holds.',
    ...logHits.slice(0, 10).map((h) => `- log hit: ${h.kind} in ${h.file}:${h.line}`),
  ];
  const report = lines.join('\n');
  await mkdir(dirname(o.reportFile), { recursive: true });
  await writeFile(o.reportFile, `${report}\n`);
  console.log(report);
  return { invariants, injected: injector.counts(), logHits, report } satisfies ChaosResult;
}

/** Waits until every order is finished or held, or nothing has moved for three minutes. */
async function waitSettled(admin: Db, ids: string[], say: (m: string) => void): Promise<number> {
  let last = -1;
  let moved = Date.now();
  for (;;) {
    const n = await settledCount(admin, ids);
    if (n !== last) {
      say(`${n}/${ids.length} settled`);
      last = n;
      moved = Date.now();
    }
    if (n >= ids.length || Date.now() - moved > 180_000) return n;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Failed calls to the marketplace and the supplier, as the platform's call log has them. */
async function failedCalls(admin: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ target: string; n: number }>`
    select case when target = 'tiktok' then 'marketplace' else 'supplier' end as target,
      count(*)::int as n
    from api_calls where http_status is null or http_status >= 429
    group by 1`.execute(admin);
  return Object.fromEntries(rows.map((r) => [`failed calls to the ${r.target}`, r.n]));
}
