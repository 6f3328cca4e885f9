import type { Hono, MiddlewareHandler } from 'hono';
import { bearerMatches, httpMetrics } from './hono.ts';
import { renderMetrics, type ServiceMetrics } from './metrics.ts';

/** A dependency's check: resolves when it answers. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface Readiness {
  ready: boolean;
  /** Each dependency: `ok`, `timeout` or `failed`. */
  checks: Record<string, 'ok' | 'timeout' | 'failed'>;
}

/** Runs every check at once, each bounded by `timeoutMs`; errors are named, never shown. */
export async function checkReadiness(
  checks: ReadinessChecks,
  timeoutMs: number,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), timeoutMs);
      });
      const result = await Promise.race([
        check().then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      return [name, result] as const;
    }),
  );
  return {
    ready: entries.every(([, r]) => r === 'ok'),
    checks: Object.fromEntries(entries),
  };
}

export interface OpsRoutes {
  metrics: ServiceMetrics;
  /** Bearer token `/metrics` asks for; unset, `/metrics` is not served (404). */
  metricsToken?: string;
  readiness: ReadinessChecks;
  readinessTimeoutMs: number;
}

/**
 * The operations routes of a service: `/healthz` (liveness: the process answers, nothing
 * else is asked), `/readyz` (each dependency within a timeout; 503 naming the one that failed)
 * and `/metrics` (Prometheus text, behind a bearer token: counts only, never tenant data, but
 * still not for the public). Also times every request of `app` (httpMetrics), so call it first;
 * `edge` is the service's own middleware for every answer (security headers), run after the
 * timing and before these routes, so they get it too.
 */
export function mountOps(app: Hono, ops: OpsRoutes, edge: MiddlewareHandler[] = []): void {
  app.use('*', httpMetrics(ops.metrics), ...edge);
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const r = await checkReadiness(ops.readiness, ops.readinessTimeoutMs);
    return c.json(r, r.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    const token = ops.metricsToken;
    if (!token) return c.json({ error: { code: 'NOT_FOUND', message: 'no metrics here' } }, 404);
    if (!bearerMatches(c.req.header('authorization'), token))
      return c.json({ error: { code: 'UNAUTHENTICATED', message: 'metrics token required' } }, 401);
    const { body, type } = await renderMetrics(ops.metrics.registry);
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'no-store' });
  });
}
