import type { Context } from 'hono';
import { SimApiError } from './api-error.ts';
import type { AccessToken, AuthStore } from './auth-store.ts';
import type { SimClock } from './clock.ts';
import type { Fulfillment } from './fulfillment.ts';
import type { Labels } from './labels.ts';
import type { OrderStore } from './order-store.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Rng } from './rng.ts';
import type { SimFaults, SimShop } from './types.ts';
import type { WebhookEmitter } from './webhooks.ts';

/** Everything the routes need; one instance per running simulator. */
export interface SimCore {
  appKey: string;
  appSecret: string;
  serviceId: string | undefined;
  redirectUrl: string | undefined;
  clock: SimClock;
  rng: Rng;
  /** Separate stream so fault injection does not shift generated ids between runs. */
  faultRng: Rng;
  faults: SimFaults;
  auth: AuthStore;
  orders: OrderStore;
  fulfillment: Fulfillment;
  labels: Labels;
  webhooks: WebhookEmitter;
  limiter: RateLimiter;
}

export type SimEnv = {
  Variables: { shop: SimShop | undefined; token: AccessToken; rawBody: string };
};

export function requestId(core: SimCore): string {
  const d = new Date(core.clock.now());
  const stamp = d.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${core.rng.token(18).toUpperCase()}`;
}

/** TikTok's success envelope. */
export function ok(core: SimCore, c: Context, data: unknown) {
  return c.json({ code: 0, message: 'Success', request_id: requestId(core), data });
}

export function fail(core: SimCore, c: Context, err: SimApiError) {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(
    { code: err.code, message: err.message, request_id: requestId(core), data: null },
    err.httpStatus as 400,
  );
}

export function errorHandler(core: SimCore) {
  return (err: Error, c: Context) => {
    if (err instanceof SimApiError) return fail(core, c, err);
    return fail(core, c, new SimApiError(36009003, `Internal error: ${err.message}`, 500));
  };
}
