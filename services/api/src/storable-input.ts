import { findUnstorableText } from '@switchyard/domain';
import { createMiddleware } from 'hono/factory';
import { AppError } from './errors.ts';

/**
 * Refuses `value` with INPUT_INVALID_TEXT when a string or key in it holds U+0000 or an
 * unpaired surrogate (see findUnstorableText): a 400 naming the place, instead of a 500 from
 * PostgreSQL or text silently changed. `root` names where the value came from (`body`, `query`).
 */
export function assertStorableText(value: unknown, root = ''): void {
  const at = findUnstorableText(value);
  if (at === undefined) return;
  const path = root && at && !at.startsWith('[') ? `${root}.${at}` : `${root}${at}`;
  throw new AppError(
    'INPUT_INVALID_TEXT',
    `${path || 'the input'} holds U+0000 or an unpaired surrogate, which cannot be stored`,
    { path },
  );
}

/**
 * The same rule at a Hono edge: every query string, and the JSON body when `json` is set.
 * Leave `json` off for routes that stream large non-JSON bodies (CSV upload): reading one
 * here would buffer it whole. A body that is not JSON is left to the handler to refuse; Hono
 * keeps the parsed body, so the handler does not parse it again.
 */
export function storableInput(opts: { json: boolean }) {
  return createMiddleware(async (c, next) => {
    assertStorableText(c.req.queries(), 'query');
    if (opts.json) assertStorableText(await c.req.json().catch(() => undefined), 'body');
    await next();
  });
}
