import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';

/** What a browser may label a CSV file with; the portal itself always sends `text/csv`. */
const FILE_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

/**
 * A file upload made with the portal's session cookie must say it is a CSV file. A form on
 * another site can post the cookie as `multipart/form-data` or url-encoded without any
 * preflight; the CSRF token already refuses those, and this refuses a body that is not the
 * file (a form, JSON) with a clear 415 instead of parsing it as rows. Callers with an API token
 * are left as they were: scripts send files with whatever type their tool picks.
 */
export function requireFileType() {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'POST' || c.req.header('authorization')) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!FILE_TYPES.has(type))
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'send the file itself as the body, with content-type text/csv',
      );
    return next();
  });
}
