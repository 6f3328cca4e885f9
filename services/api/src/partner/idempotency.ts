import { createHash } from 'node:crypto';
import { claimIdempotencyKey, settleIdempotencyKey } from '@switchyard/db';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { PartnerEnv } from './auth.ts';

/** 1–255 printable ASCII characters (space to tilde), as the OpenAPI document says. */
export const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** A claim this old whose request never answered (its process died) may be taken over. */
const STALE_AFTER_S = 60;

/**
 * `Idempotency-Key` on the partner API's POSTs (optional; without it nothing changes). The
 * first request with a key does the work and its answer is stored in PostgreSQL, so a retry
 * gets the same status and body from any api process, even after a restart, without the work
 * being done again. A key is the supplier's own (two suppliers' keys never meet) and is kept
 * at least 24 hours.
 *
 * - same key, same method, path and body: the first answer, marked `Idempotent-Replayed: true`;
 * - same key, another request: 409 IDEMPOTENCY_KEY_REUSED, nothing done;
 * - same key while the first request still runs: 409 IDEMPOTENCY_KEY_IN_FLIGHT with
 *   Retry-After, nothing done (a client waits and retries rather than the server holding a
 *   connection open for a request it cannot bound).
 *
 * Answers that say "try again" (429, 5xx) are not kept: the key is released so that the retry
 * does the work. The claim and the stored answer are one statement each, separate from the
 * work: the claim must be visible to a concurrent request before the work starts (that is what
 * answers "in flight" rather than holding a connection for the whole request), and most
 * answers are known only after the order's workflow has taken the message, after the work's
 * commit. The work itself (deliverSupplierMessage, the stock feed) is safe to repeat, so a
 * process dying between them costs at most a repeat that answers the same.
 */
export function idempotency(deps: ApiDeps) {
  return createMiddleware<PartnerEnv>(async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!IDEMPOTENCY_KEY.test(key))
      throw new AppError(
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key must be 1–255 printable ASCII characters',
      );
    // The body's bytes as sent (two bodies that decode alike are still two); Hono keeps them,
    // so the handler's JSON parse reads the same body.
    const body = new Uint8Array(await c.req.arrayBuffer());
    const fingerprint = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n`)
      .update(body)
      .digest('hex');
    const supplierId = c.get('supplier').id;
    const claim = await claimIdempotencyKey(deps.db, {
      supplierId,
      key,
      fingerprint,
      staleAfterS: STALE_AFTER_S,
    });
    if (claim.kind === 'mismatch')
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was used for another request; use a new key for a new request',
      );
    if (claim.kind === 'in_flight')
      throw new AppError(
        'IDEMPOTENCY_KEY_IN_FLIGHT',
        'a request with this Idempotency-Key is still running; retry shortly',
      );
    if (claim.kind === 'replay')
      return c.body(claim.response, claim.status as 200, {
        'content-type': 'application/json',
        'idempotent-replayed': 'true',
      });

    await next();
    const status = c.res.status;
    const retryable = status >= 500 || status === 429;
    await settleIdempotencyKey(deps.db, {
      supplierId,
      key,
      ...(!retryable && { answer: { status, response: await c.res.clone().text() } }),
    });
  });
}
