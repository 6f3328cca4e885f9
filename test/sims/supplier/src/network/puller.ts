import { sleep } from '../partner-client.ts';
import { inboundDispatchSchema } from '../payload.ts';
import type { Desk } from './desk.ts';

interface Listing {
  items: Array<{ dispatch_id: string; status: string; delivery?: unknown }>;
  next_cursor: string | null;
  has_more: boolean;
}

export interface PullerDeps {
  desk: Desk;
  fetch: typeof globalThis.fetch;
  /** Read at each poll: the partner API's base URL and this supplier's key. */
  config: () => { url: string; key: string };
  /** Real milliseconds between polls. */
  everyMs: number;
  signal: AbortSignal;
  /** Each poll's outcome, for the sim's tests: HTTP status (0: no answer) and items read. */
  onPoll?: (status: number, items: number) => void;
}

/**
 * A supplier without an endpoint (R-RT-2 "or it pulls"): lists what waits for its
 * acknowledgement (`status=sent` without a cursor shows all of it), following `next_cursor`
 * while `has_more`, and hands each new dispatch to its desk. A failed poll is retried at the
 * next interval, as a cron job would.
 */
export function startPuller(deps: PullerDeps): Promise<void> {
  async function pollOnce() {
    const { url, key } = deps.config();
    let query = '?status=sent&limit=100';
    for (let page = 0; page < 50; page += 1) {
      let status = 0;
      let listing: Listing | undefined;
      try {
        const res = await deps.fetch(`${url.replace(/\/+$/, '')}/dispatches${query}`, {
          headers: { authorization: `Bearer ${key}` },
          signal: AbortSignal.any([deps.signal, AbortSignal.timeout(5_000)]),
        });
        status = res.status;
        if (res.ok) listing = (await res.json()) as Listing;
        else await res.body?.cancel();
      } catch {
        status = 0;
      }
      deps.onPoll?.(status, listing?.items.length ?? 0);
      if (!listing) return;
      for (const item of listing.items) {
        if (deps.desk.has(item.dispatch_id)) continue;
        const parsed = inboundDispatchSchema.safeParse(item.delivery);
        if (parsed.success) deps.desk.take(parsed.data);
      }
      if (!listing.has_more || !listing.next_cursor) return;
      query = `?status=sent&limit=100&cursor=${encodeURIComponent(listing.next_cursor)}`;
    }
  }

  return (async () => {
    while (!deps.signal.aborted) {
      await pollOnce();
      await sleep(deps.everyMs, deps.signal).catch(() => undefined);
    }
  })();
}
