import type { LaunchedPlatform } from '@switchyard/infra/launch-platform';
import type { Replicas } from '@switchyard/infra/replicas';
import type { TemporalOnPostgres } from '@switchyard/infra/temporal-postgres';
import pg from 'pg';

/** The faults the chaos run injects into the platform's own processes, by name. */
export const PROCESS_FAULTS = [
  'worker SIGKILL + restart',
  'Temporal server SIGKILL + restart on its database',
  'PostgreSQL backends of the app role terminated',
  'api restart (SIGTERM)',
] as const;
export type ProcessFault = (typeof PROCESS_FAULTS)[number];

/** What the simulators are told to do for the whole run (the 20 %). */
export const SIM_FAULTS = {
  tiktok: {
    failRate: 0.2,
    dropWebhookRate: 0.2,
    duplicateWebhookRate: 0.2,
    reorderWebhookRate: 0.2,
    reorderDelayMs: 5000,
  },
  supplier: {
    failRate: 0.2,
    duplicateCallbackRate: 0.2,
    // A supplier's IT system that keeps trying through an outage, honouring Retry-After.
    callbackAttempts: 1000,
  },
} as const;

export async function setSimFaults(p: LaunchedPlatform, on: boolean): Promise<void> {
  const zero = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k.endsWith('Attempts') ? v : 0]));
  const send = async (url: string, method: string, body: object) => {
    const res = await fetch(url, { method, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  };
  await send(
    `${p.ttsUrl}/__control/faults`,
    'PATCH',
    on ? SIM_FAULTS.tiktok : zero(SIM_FAULTS.tiktok),
  );
  await send(
    `${p.supplierUrl}/__control/behaviour`,
    'PATCH',
    on ? SIM_FAULTS.supplier : zero(SIM_FAULTS.supplier),
  );
}

/**
 * Injects one fault of each kind on request and keeps the count; a replica that dies on its
 * own (say a worker that gives up while Temporal is down) is started again, as an orchestrator
 * would, and counted apart.
 */
export function createInjector(p: LaunchedPlatform, adminUrl: string) {
  const counts = Object.fromEntries(PROCESS_FAULTS.map((f) => [f, 0])) as Record<
    ProcessFault,
    number
  >;
  let backendsTerminated = 0;
  let unplannedRestarts = 0;
  const busy = new Set<Replicas>();
  const temporal = p.temporal as TemporalOnPostgres;
  if (typeof temporal.kill !== 'function')
    throw new Error('the chaos run needs the PostgreSQL-backed Temporal server');
  const appRole = decodeURIComponent(new URL(p.appUrl).username);

  // As an orchestrator does: a replica that dies while starting (a worker that cannot reach
  // Temporal yet) is started again after a pause, until it comes up.
  const restart = async (set: Replicas, i: number, how: 'SIGKILL' | 'SIGTERM') => {
    busy.add(set);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await set.restart(i, how);
          return;
        } catch (err) {
          if (attempt >= 60) throw err;
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    } finally {
      busy.delete(set);
    }
  };

  // The orchestrator's part: every 2 s, a replica found dead is replaced.
  const supervise = setInterval(() => {
    for (const set of [p.apis, p.workers]) {
      if (busy.has(set)) continue;
      set.list().forEach((s, i) => {
        if (s.child.exitCode === null && s.child.signalCode === null) return;
        unplannedRestarts++;
        void restart(set, i, 'SIGKILL').catch(() => {});
      });
    }
  }, 2000);

  async function inject(fault: ProcessFault, pick: number, downMs: number): Promise<void> {
    counts[fault]++;
    switch (fault) {
      case 'worker SIGKILL + restart': {
        const i = pick % p.workers.list().length;
        await restart(p.workers, i, 'SIGKILL');
        return;
      }
      case 'Temporal server SIGKILL + restart on its database':
        await temporal.kill();
        await new Promise((r) => setTimeout(r, downMs));
        await temporal.restart();
        return;
      case 'PostgreSQL backends of the app role terminated': {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          const { rows } = await client.query<{ n: number }>(
            `select count(*) filter (where pg_terminate_backend(pid))::int as n
             from pg_stat_activity where usename = $1 and pid <> pg_backend_pid()`,
            [appRole],
          );
          backendsTerminated += rows[0]?.n ?? 0;
        } finally {
          await client.end();
        }
        return;
      }
      case 'api restart (SIGTERM)': {
        const i = pick % p.apis.list().length;
        await restart(p.apis, i, 'SIGTERM');
        return;
      }
    }
  }

  return {
    inject,
    counts: () => ({ ...counts }),
    backendsTerminated: () => backendsTerminated,
    unplannedRestarts: () => unplannedRestarts,
    stop: () => clearInterval(supervise),
  };
}
