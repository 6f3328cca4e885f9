import { createHash, timingSafeEqual } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';

/** The header the portal sends its CSRF token in on every request that changes something. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the session's secret, so it needs no storage, is
 * worthless without the HttpOnly cookie, and reveals nothing of it. The portal reads it from
 * `session.current` (a same-origin read another site cannot make) and keeps it in memory.
 */
export function csrfTokenFor(session: string): string {
  return createHash('sha256').update(`switchyard-csrf:${session}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Mutations a browser makes with the session cookie must carry the session's CSRF token in
 * `x-csrf-token`: a page on another site can make the browser send the cookie, never the
 * header with the right value. Requests with a bearer token are not ambient: the cookie is not
 * what authenticates them (see authenticateCaller), so they need none.
 */
export function requireCsrf() {
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization')) return next();
    const session = getCookie(c, SESSION_COOKIE);
    if (!session) return next();
    const sent = c.req.header(CSRF_HEADER) ?? '';
    if (!same(sent, csrfTokenFor(session)))
      throw new AppError('CSRF_INVALID', `a session's changes need its token in ${CSRF_HEADER}`);
    return next();
  });
}
