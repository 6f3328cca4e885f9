import { readdirSync, readFileSync } from 'node:fs';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';

/**
 * What orders cost the engine and the database, counted rather than timed: counts do not move
 * with the machine's load, times do. Used by the order benchmarks and their reports.
 */

/** Engine work of a set of workflows, per workflow, from their histories. */
export interface HistoryCounts {
  workflows: number;
  /** Average events per workflow, by event type (e.g. `ActivityTaskScheduled`). */
  byType: Record<string, number>;
  events: number;
  activities: number;
  localActivities: number;
  workflowTasks: number;
  timers: number;
  updates: number;
  signals: number;
  /** Why workflow tasks failed, as the worker said, with how often (all workflows). */
  failures: Record<string, number>;
  /**
   * Average bytes per workflow that its events carry as payloads (data and metadata: inputs,
   * results, markers, signals, updates), by event type: what the engine stores and ships.
   */
  bytes: Record<string, number>;
}

/** Bytes of every byte array inside an event (its payloads' data and metadata). */
function payloadBytes(v: unknown): number {
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v)) return v.reduce((a: number, x) => a + payloadBytes(x), 0);
  if (v && typeof v === 'object')
    return Object.values(v).reduce((a: number, x) => a + payloadBytes(x), 0);
  return 0;
}

/** An event's type, named after its attributes (`activityTaskScheduledEventAttributes`). */
const typeName = (e: object) => {
  const key = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as never)[k]);
  return key ? key[0]!.toUpperCase() + key.slice(1, -'EventAttributes'.length) : 'Unknown';
};

/** Fetches the histories of `workflowIds` (a few at a time) and counts their events. */
export async function countHistories(
  client: Client,
  workflowIds: readonly string[],
  concurrency = 8,
): Promise<HistoryCounts> {
  const totals = new Map<string, number>();
  const bytes = new Map<string, number>();
  let localActivities = 0;
  const failures: Record<string, number> = {};
  for (let i = 0; i < workflowIds.length; i += concurrency) {
    const histories = await Promise.all(
      workflowIds
        .slice(i, i + concurrency)
        .map((id) => client.workflow.getHandle(id).fetchHistory()),
    );
    for (const h of histories)
      for (const e of h.events ?? []) {
        // A failed workflow task says why (an update that raced the completion, a bad command…).
        const failed = e.workflowTaskFailedEventAttributes;
        const cause = failed?.cause;
        if (failed) {
          const why = `${cause}: ${failed.failure?.message?.slice(0, 200) ?? ''}`;
          failures[why] = (failures[why] ?? 0) + 1;
        }
        const name = typeName(e) + (cause != null ? ` (cause ${cause})` : '');
        totals.set(name, (totals.get(name) ?? 0) + 1);
        const b = payloadBytes(e);
        if (b) bytes.set(typeName(e), (bytes.get(typeName(e)) ?? 0) + b);
        if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
          localActivities++;
      }
  }
  const n = Math.max(workflowIds.length, 1);
  const per = (name: string) => (totals.get(name) ?? 0) / n;
  const byType = Object.fromEntries(
    [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v / n]),
  );
  return {
    workflows: workflowIds.length,
    byType,
    events: [...totals.values()].reduce((a, b) => a + b, 0) / n,
    activities: per('ActivityTaskScheduled'),
    localActivities: localActivities / n,
    workflowTasks: per('WorkflowTaskStarted'),
    timers: per('TimerStarted'),
    updates: per('WorkflowExecutionUpdateAccepted'),
    signals: per('WorkflowExecutionSignaled'),
    failures,
    bytes: Object.fromEntries(
      [...bytes].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v / n]),
    ),
  };
}

/** A table of two runs' counts side by side, per workflow. */
export function compareCounts(runs: Record<string, HistoryCounts>): string {
  const names = Object.keys(runs);
  const rows: Array<[string, (c: HistoryCounts) => number]> = [
    ['history events', (c) => c.events],
    ['activities', (c) => c.activities],
    ['local activities', (c) => c.localActivities],
    ['workflow tasks', (c) => c.workflowTasks],
    ['timers', (c) => c.timers],
    ['updates', (c) => c.updates],
    ['signals', (c) => c.signals],
  ];
  const types = [...new Set(Object.values(runs).flatMap((c) => Object.keys(c.byType)))].sort();
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['per workflow', ...names]),
    line(['---', ...names.map(() => '---')]),
    ...rows.map(([label, f]) => line([`**${label}**`, ...names.map((n) => fmt(f(runs[n]!)))])),
    ...types.map((t) => line([t, ...names.map((n) => fmt(runs[n]!.byType[t] ?? 0))])),
    line([
      '**payload bytes**',
      ...names.map((n) => fmt(Object.values(runs[n]!.bytes).reduce((a, b) => a + b, 0))),
    ]),
    ...[...new Set(Object.values(runs).flatMap((c) => Object.keys(c.bytes)))]
      .sort()
      .map((t) => line([`bytes: ${t}`, ...names.map((n) => fmt(runs[n]!.bytes[t] ?? 0))])),
  ].join('\n');
}

/** CPU time (user + system, ms) of a process and its children that have exited. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(f[i]), 0);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** A process and its descendants, for servers that work in child processes (PostgreSQL). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** CPU-ms of a process tree; descendants that exited count through their parent. */
export function treeCpuMs(root: number): number {
  return processTree(root).reduce((a, p) => {
    try {
      return a + cpuMs(p);
    } catch {
      return a;
    }
  }, 0);
}

/** The process whose command line holds every one of `parts` (e.g. a binary and its port). */
export function findProcess(parts: readonly string[]): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (parts.every((p) => cmd.includes(p))) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** Statements sent to PostgreSQL by one kind of activity, and how often it ran. */
export type RoundTrips = Map<
  string,
  { statements: number; runs: number; texts: Map<string, number> }
>;

/** A statement's text, shortened to what tells statements apart in a report. */
const shape = (arg: unknown): string => {
  const text = typeof arg === 'string' ? arg : ((arg as { text?: string })?.text ?? '?');
  return text.replace(/\s+/g, ' ').trim().slice(0, 90);
};

/**
 * Counts the statements this process sends to PostgreSQL (BEGIN and COMMIT included: each is a
 * round trip), by the activity that sent them (`local …` for local activities); `other` for
 * everything outside an activity (api, simulators). Returns a function that stops counting.
 */
export function countDbRoundTrips(): () => RoundTrips {
  const counts: RoundTrips = new Map();
  const seen = new WeakSet<object>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    let key = 'other';
    let run: Context | undefined;
    try {
      run = Context.current();
      key = `${run.info.isLocal ? 'local ' : ''}${run.info.activityType}`;
    } catch {
      // not inside an activity
    }
    const c = counts.get(key) ?? { statements: 0, runs: 0, texts: new Map<string, number>() };
    c.statements++;
    const text = shape(args[0]);
    c.texts.set(text, (c.texts.get(text) ?? 0) + 1);
    if (run && !seen.has(run)) {
      seen.add(run);
      c.runs++;
    }
    counts.set(key, c);
    return original.apply(this, args);
  };
  return () => {
    proto.query = original;
    return counts;
  };
}

/** One statement's share of PostgreSQL's execution time over a batch (pg_stat_statements). */
export interface StatementTime {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
}

/**
 * Turns on pg_stat_statements (preloaded by the harness's PostgreSQL, counting nothing until
 * asked) for the whole server, from zero. Returns a function that reads what the database
 * `db` ran meanwhile, the most expensive statements first, and turns counting off again.
 * `admin` must be a superuser's client.
 */
export async function timeStatements(
  admin: Kysely<never>,
): Promise<(limit?: number) => Promise<{ totalMs: number; calls: number; top: StatementTime[] }>> {
  await sql`create extension if not exists pg_stat_statements`.execute(admin);
  await sql`alter system set pg_stat_statements.track = 'top'`.execute(admin);
  await sql`select pg_reload_conf()`.execute(admin);
  await sql`select pg_stat_statements_reset()`.execute(admin);
  return async (limit = 15) => {
    const { rows } = await sql<{ query: string; calls: string; total: number; mean: number }>`
      select query, calls, total_exec_time as total, mean_exec_time as mean
      from pg_stat_statements
      where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc`.execute(admin);
    await sql`alter system reset pg_stat_statements.track`.execute(admin);
    await sql`select pg_reload_conf()`.execute(admin);
    const all = rows.map((r) => ({
      query: r.query.replace(/\s+/g, ' ').trim().slice(0, 90),
      calls: Number(r.calls),
      totalMs: r.total,
      meanMs: r.mean,
    }));
    return {
      totalMs: all.reduce((a, r) => a + r.totalMs, 0),
      calls: all.reduce((a, r) => a + r.calls, 0),
      top: all.slice(0, limit),
    };
  };
}
