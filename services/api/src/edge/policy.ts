/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/** Who a rate applies to; each kind has its own buckets, keyed as named. */
export type RateKind = 'tenant' | 'partnerKey' | 'ip' | 'authFailures';

/**
 * Everything the API edge refuses for size or rate, in one place. Defaults are generous: the
 * demo and the test suites drive hundreds of orders through one tenant and one supplier.
 * Marketplace webhooks are absent on purpose: they are stored first and never refused for rate.
 */
export interface EdgePolicy {
  rates: Record<RateKind, Rate>;
  /** Largest request body per surface; the CSV upload and the webhook route keep their own. */
  bodyBytes: { trpc: number; partner: number; partnerFile: number; oauth: number };
  /** Calls in one tRPC batch; clients set `maxItems` of httpBatchLink to this or less. */
  trpcMaxBatch: number;
  /** Largest tRPC answer; with the batch cap, a list page of 100 orders is far below it. */
  trpcMaxResponseBytes: number;
  /**
   * Peers whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (a load balancer that
   * terminates TLS). Anyone else could claim any address or scheme.
   */
  trustedProxies: string[];
  /** `Strict-Transport-Security` max-age for requests that came over TLS; 0 sends none. */
  hstsMaxAgeS: number;
}

export const DEFAULT_EDGE_POLICY: EdgePolicy = {
  rates: {
    // Per tenant, counted per tRPC call: a portal page load is a batch of a few calls.
    tenant: { perSecond: 50, burst: 200 },
    // Per supplier, all its partner keys together: a supplier's system acknowledges and ships
    // orders in bursts.
    partnerKey: { perSecond: 100, burst: 500 },
    // Per client address on surfaces without credentials (OAuth start and callback).
    ip: { perSecond: 5, burst: 30 },
    // Per client address, each answer of 401: guessing keys or tokens gets slow quickly.
    authFailures: { perSecond: 1, burst: 60 },
  },
  // An answer file (R-RT-2) is a day's messages of a supplier: up to 1 MiB.
  bodyBytes: { trpc: 256 * 1024, partner: 128 * 1024, partnerFile: 1024 * 1024, oauth: 1024 },
  trpcMaxBatch: 10,
  trpcMaxResponseBytes: 2 * 1024 * 1024,
  trustedProxies: [],
  hstsMaxAgeS: 180 * 24 * 60 * 60,
};

/** Settings a deployment or a test may override; the rest stays at the defaults. */
export type EdgePolicyOverrides = Partial<Omit<EdgePolicy, 'rates' | 'bodyBytes'>> & {
  rates?: Partial<Record<RateKind, Rate>>;
  bodyBytes?: Partial<EdgePolicy['bodyBytes']>;
};

export function resolveEdgePolicy(over: EdgePolicyOverrides = {}): EdgePolicy {
  return {
    ...DEFAULT_EDGE_POLICY,
    ...over,
    rates: { ...DEFAULT_EDGE_POLICY.rates, ...over.rates },
    bodyBytes: { ...DEFAULT_EDGE_POLICY.bodyBytes, ...over.bodyBytes },
  };
}
