import { type Db, withTenant } from '@switchyard/db';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';

/** Latency of one case: every run's milliseconds, sorted. */
export interface Timing {
  name: string;
  ms: number[];
  /** What the last answer held (rows of a page, say), to read the figure against. */
  note: string;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
export const p50 = (t: Timing) => quantile(t.ms, 0.5);
export const p99 = (t: Timing) => quantile(t.ms, 0.99);

/**
 * Runs `call` a few times to warm up, then `runs` times in a row (fewer when the case is slow:
 * at most `budgetMs` once `minRuns` are in), each timed from the request to its parsed answer.
 */
export async function measure(
  name: string,
  call: () => Promise<string>,
  opts: { runs: number; minRuns?: number; budgetMs?: number },
): Promise<Timing> {
  for (let i = 0; i < 3; i++) await call();
  const ms: number[] = [];
  let note = '';
  const started = performance.now();
  while (
    ms.length < opts.runs &&
    (ms.length < (opts.minRuns ?? 20) || performance.now() - started < (opts.budgetMs ?? 20_000))
  ) {
    const t0 = performance.now();
    note = await call();
    ms.push(performance.now() - t0);
  }
  return { name, ms: ms.sort((a, b) => a - b), note };
}

/** A GET of one tRPC query, or a batch of several, as the portal's httpBatchLink sends them. */
export function trpcGet(apiUrl: string, token: string) {
  return async (calls: readonly (readonly [string, unknown])[]): Promise<unknown[]> => {
    const batch = calls.length > 1;
    const paths = calls.map(([p]) => p).join(',');
    const input = batch
      ? Object.fromEntries(calls.map(([, v], i) => [String(i), v]))
      : calls[0]![1];
    const res = await fetch(
      `${apiUrl}/trpc/${paths}?${batch ? 'batch=1&' : ''}input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as unknown;
    if (res.status !== 200) throw new Error(`${paths}: HTTP ${res.status} ${JSON.stringify(body)}`);
    const answers = (batch ? body : [body]) as { result: { data: unknown } }[];
    return answers.map((a) => a.result.data);
  };
}

/**
 * The plan of the statement a repo function sends, run as the application role in the tenant's
 * transaction (its RLS policy applied, as the procedure runs it): `EXPLAIN (ANALYZE, BUFFERS)`.
 * The statement is captured from a client of its own; the last one `fn` sends is explained.
 */
export async function explainRepo(
  appUrl: string,
  tenantId: string,
  fn: (db: Db) => Promise<unknown>,
): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: appUrl, max: 1 });
  let last: { sql: string; parameters: readonly unknown[] } | undefined;
  const db = new Kysely({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      // Not the transaction's own statements (begin, set_config, commit).
      if (
        e.level === 'query' &&
        /^\s*select\b/i.test(e.query.sql) &&
        !/set_config/.test(e.query.sql)
      )
        last = e.query;
    },
  }) as unknown as Db;
  try {
    await fn(db);
    if (!last) throw new Error('no statement captured');
    const { sql: text, parameters } = last;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${text}`,
        parameters as unknown[],
      );
      await client.query('rollback');
      return plan.rows.map((r) => r['QUERY PLAN']);
    } finally {
      client.release();
    }
  } finally {
    await db.destroy();
  }
}

/** The same-run floor: a tenant transaction (set_config, one primary-key read, commit). */
export function pkRead(db: Db, tenantId: string, orderId: string) {
  return async () => {
    const row = await withTenant(db, tenantId, (trx) =>
      trx.selectFrom('orders').select('id').where('id', '=', orderId).executeTakeFirst(),
    );
    return row ? '1 row' : '0 rows';
  };
}

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
