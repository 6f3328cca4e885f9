import { sql } from 'kysely';
import type { Db } from '../client.ts';

/** One platform fact: a named count or sum with up to two labels from closed sets. */
export interface PlatformFact {
  metric: string;
  labelA: string;
  labelB: string;
  value: number;
}

/**
 * Counts and sums across tenants for the metrics endpoint (platform_metrics(), SECURITY
 * DEFINER): no tenant, order or buyer value is in the answer, only counts by status or code.
 */
export async function readPlatformFacts(db: Db): Promise<PlatformFact[]> {
  const { rows } = await sql<{
    metric: string;
    label_a: string | null;
    label_b: string | null;
    value: number;
  }>`select metric, label_a, label_b, value from platform_metrics()`.execute(db);
  return rows.map((r) => ({
    metric: r.metric,
    labelA: r.label_a ?? '',
    labelB: r.label_b ?? '',
    value: Number(r.value),
  }));
}

/** A cheap round trip for readiness: the pool can reach PostgreSQL and run a query. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
