import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by each process of the machine while a benchmark phase ran, from /proc
 * (Linux; elsewhere nothing is reported). On two shared cores a request rate says little
 * without it: it tells which process took the CPU (the server measured, the load generator,
 * PostgreSQL, Temporal) and whether something outside the benchmark ran meanwhile.
 */
export interface CpuSample {
  /** Milliseconds of CPU by process id, with the parent and what each process runs. */
  byPid: Map<number, { ppid: number; cmd: string; ms: number }>;
  /** Milliseconds of CPU of the whole machine, busy and in all. */
  machine: { busy: number; total: number };
}

/** Clock ticks per second of /proc's times; 100 on every Linux this project runs on. */
const TICK_MS = 10;

export function sampleCpu(): CpuSample | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  const ticks = stat.split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0) * TICK_MS;
  const idle = (ticks[3]! + ticks[4]!) * TICK_MS;
  const byPid = new Map<number, { ppid: number; cmd: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const s = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which may itself hold spaces and parentheses.
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      byPid.set(Number(entry), { ppid: Number(f[1]), cmd, ms });
    } catch {
      // the process ended meanwhile
    }
  }
  return { byPid, machine: { busy: total - idle, total } };
}

/**
 * What was spent between two samples, by role: the processes named in `roles` by pid, the
 * run's PostgreSQL (the server listening on `pgPort` and its backends) and Temporal server
 * (listening on `temporalPort`), and everything else on the machine together.
 */
export function cpuSpent(
  before: CpuSample | undefined,
  after: CpuSample | undefined,
  run: { roles: Record<number, string>; pgPort: string; temporalPort: string },
): string | undefined {
  if (!before || !after) return undefined;
  const isPostmaster = (cmd = '') => cmd.includes(' -p ') && cmd.includes(` ${run.pgPort} `);
  const spent = new Map<string, number>();
  for (const [pid, { ppid, cmd, ms }] of after.byPid) {
    const d = ms - (before.byPid.get(pid)?.ms ?? 0);
    if (d <= 0) continue;
    const role =
      run.roles[pid] ??
      (isPostmaster(cmd) || isPostmaster(after.byPid.get(ppid)?.cmd)
        ? 'PostgreSQL'
        : cmd.includes('temporal') && cmd.includes(` ${run.temporalPort} `)
          ? 'Temporal server'
          : 'everything else');
    spent.set(role, (spent.get(role) ?? 0) + d);
  }
  const busy = after.machine.busy - before.machine.busy;
  const total = after.machine.total - before.machine.total;
  const parts = [...spent].sort((a, b) => b[1] - a[1]).map(([r, ms]) => `${r} ${ms}`);
  return `${parts.join(', ')}; machine busy ${busy} of ${total}`;
}
