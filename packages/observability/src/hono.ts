import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ServiceMetrics } from './metrics.ts';

/**
 * Times every request into the HTTP histogram, labelled by the route pattern Hono matched
 * (`/partner/v1/dispatches/:id`, never the raw path, so ids never become labels) and status
 * class. One histogram observe per request: no I/O on the request path.
 */
export function httpMetrics(metrics: ServiceMetrics): MiddlewareHandler {
  return async (c, next) => {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      end({
        method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
        route: routeOf(c),
        status_class: `${Math.floor(c.res.status / 100)}xx`,
      });
    }
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The pattern of the handler that answered; a catch-all middleware's `*` on a 404 is none. */
function routeOf(c: Context): string {
  const route = routePath(c);
  return !route || ((route === '/*' || route === '*') && c.res.status === 404)
    ? 'unmatched'
    : route;
}

/** Whether `authorization` carries the bearer token (constant time in the token's length). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const got = Buffer.from(authorization ?? '');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
