import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';
import { clientAddress } from './client.ts';
import type { EdgePolicy, RateKind } from './policy.ts';
import { TokenBuckets } from './token-bucket.ts';

const WHO: Record<RateKind, string> = {
  tenant: 'this tenant',
  partnerKey: "this supplier's partner keys",
  ip: 'this address',
  authFailures: 'failed authentications from this address',
};

export type Edge = ReturnType<typeof createEdge>;

/** The edge of one app: its policy and the buckets of each rate in it. */
export function createEdge(policy: EdgePolicy) {
  const trusted = new Set(policy.trustedProxies);
  const buckets = {
    tenant: new TokenBuckets(policy.rates.tenant),
    partnerKey: new TokenBuckets(policy.rates.partnerKey),
    ip: new TokenBuckets(policy.rates.ip),
    authFailures: new TokenBuckets(policy.rates.authFailures),
  } satisfies Record<RateKind, TokenBuckets>;
  const refuse = (kind: RateKind, retryAfterS: number) =>
    new AppError('RATE_LIMITED', `too many requests for ${WHO[kind]}; retry in ${retryAfterS} s`, {
      limit: kind,
      retryAfterS,
    });
  return {
    policy,
    /** The client's address, for per-address limits (see client.ts for proxies). */
    address: (c: Context) => clientAddress(c, trusted),
    /** Charges `cost` requests to `key`, or throws RATE_LIMITED with the time to wait. */
    take(kind: RateKind, key: string, cost = 1) {
      const taken = buckets[kind].take(key, cost);
      if (!taken.ok) throw refuse(kind, taken.retryAfterS);
    },
    /** Throws RATE_LIMITED when `key` has nothing left; charges nothing. */
    check(kind: RateKind, key: string) {
      const room = buckets[kind].peek(key);
      if (!room.ok) throw refuse(kind, room.retryAfterS);
    },
    /** Charges one request to `key` if it has one left; a charge past empty changes nothing. */
    charge(kind: RateKind, key: string) {
      buckets[kind].take(key);
    },
  };
}

/** Per client address, for surfaces anyone may call without credentials (OAuth). */
export function limitByAddress(edge: Edge) {
  return createMiddleware(async (c, next) => {
    edge.take('ip', edge.address(c));
    await next();
  });
}

/**
 * Every 401 costs the client's address a token. With none left, the address is refused before
 * its credentials are looked up, valid or not: answering the valid ones would tell a guesser
 * which guess was right.
 */
export function throttleAuthFailures(edge: Edge) {
  return createMiddleware(async (c, next) => {
    const address = edge.address(c);
    edge.check('authFailures', address);
    await next();
    if (c.res.status === 401) edge.charge('authFailures', address);
  });
}
