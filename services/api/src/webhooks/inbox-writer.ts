import { type Db, insertInboxEntries, resolveShops, scopeToTenant } from '@switchyard/db';

/** A verified notification on its way into the inbox, addressed by the marketplace's shop id. */
export interface IncomingNotification {
  platformShopId: string;
  notificationId: string;
  type: number;
  payload: unknown;
}

/** `duplicate`: received before; `shop-unknown`: no shop is bound under that id. */
export type StoreOutcome = 'stored' | 'duplicate' | 'shop-unknown';

export interface InboxWriterOptions {
  /** Notifications written by one transaction at most. */
  maxBatch: number;
  /** Transactions in flight at once; what arrives meanwhile waits for the next. */
  maxInFlight: number;
}

const DEFAULTS: InboxWriterOptions = { maxBatch: 200, maxInFlight: 2 };

type Waiting = {
  item: IncomingNotification;
  resolve: (outcome: StoreOutcome) => void;
  reject: (e: unknown) => void;
};

/**
 * Stores notifications of concurrent requests together (group commit): one is written at once
 * when a transaction is free, and those that arrive while transactions are in flight share the
 * next one. Each request still answers only after the transaction holding its notification has
 * committed (R-IN-1), and nothing waits on a timer; under a burst, one transaction replaces
 * dozens of round trips and commits.
 *
 * The shop is resolved in the same transaction, one statement for the batch, rather than per
 * request or from a cache: a binding read here is never older than the write it scopes.
 * If a shared transaction fails, each of its notifications is written again on its own, so one
 * that cannot be stored fails only its own request.
 */
export function createInboxWriter(
  db: Db,
  platform: string,
  options: Partial<InboxWriterOptions> = {},
) {
  const o = { ...DEFAULTS, ...options };
  const queue: Waiting[] = [];
  let inFlight = 0;

  function pump() {
    while (inFlight < o.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, o.maxBatch);
      inFlight++;
      void flush(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  async function flush(batch: Waiting[]) {
    try {
      settle(batch, await write(db, platform, batch));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(
        batch.map((w) => write(db, platform, [w]).then((out) => settle([w], out), w.reject)),
      );
    }
  }

  return {
    /** Stores the notification under its shop's tenant, once committed. */
    store(item: IncomingNotification): Promise<StoreOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      });
    },
  };
}

function settle(batch: readonly Waiting[], outcomes: ReadonlyMap<Waiting, StoreOutcome>) {
  for (const w of batch) w.resolve(outcomes.get(w) ?? 'duplicate');
}

/**
 * One transaction: the batch's shops, then a statement per tenant under that tenant's scope.
 * Tenants and ids go in sorted order so two transactions that share ids lock them in the same
 * order (no deadlock). A notification sent twice within the batch is stored once; the later
 * copies are duplicates.
 */
async function write(
  db: Db,
  platform: string,
  batch: readonly Waiting[],
): Promise<Map<Waiting, StoreOutcome>> {
  return db.transaction().execute(async (trx) => {
    const shops = await resolveShops(trx, platform, [
      ...new Set(batch.map((w) => w.item.platformShopId)),
    ]);
    const outcomes = new Map<Waiting, StoreOutcome>();
    const byTenant = new Map<string, Map<string, { w: Waiting; shopId: string }>>();
    for (const w of batch) {
      const shop = shops.get(w.item.platformShopId);
      if (!shop) {
        outcomes.set(w, 'shop-unknown');
        continue;
      }
      const ids = byTenant.get(shop.tenantId) ?? new Map();
      byTenant.set(shop.tenantId, ids);
      if (!ids.has(w.item.notificationId))
        ids.set(w.item.notificationId, { w, shopId: shop.shopId });
    }
    for (const tenantId of [...byTenant.keys()].sort()) {
      const ids = byTenant.get(tenantId)!;
      await scopeToTenant(trx, tenantId);
      const inserted = await insertInboxEntries(
        trx,
        [...ids.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([notificationId, { w, shopId }]) => ({
            tenantId,
            shopId,
            notificationId,
            type: w.item.type,
            payload: w.item.payload,
          })),
      );
      for (const [id, { w }] of ids) if (inserted.has(id)) outcomes.set(w, 'stored');
    }
    return outcomes;
  });
}
