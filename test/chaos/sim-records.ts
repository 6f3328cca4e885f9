import type { LaunchedPlatform } from '@switchyard/infra/launch-platform';
import type { SimRecords } from './invariants.ts';

/** Creates an order for the demo shop in the marketplace simulator; its id. */
export async function createOrder(p: LaunchedPlatform): Promise<string> {
  const res = await fetch(`${p.ttsUrl}/__control/orders`, {
    method: 'POST',
    body: JSON.stringify({ shop_id: p.demo.platformShopId }),
  });
  if (res.status !== 201) throw new Error(`order not created: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** `n` orders at `perSecond`, from a few lanes; ids in creation order. */
export async function createOrders(
  p: LaunchedPlatform,
  n: number,
  perSecond: number,
): Promise<string[]> {
  const ids: string[] = new Array(n);
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      const due = t0 + (i * 1000) / perSecond - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      ids[i] = await createOrder(p);
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return ids;
}

interface SimOrderView {
  id: string;
  status: string;
  packages: unknown[];
  recipientAddress: Record<string, unknown>;
}

/**
 * What the simulators themselves recorded: the marketplace's packages per order and its buyers'
 * addresses, the dispatches the supplier accepted, and the webhook and callback faults dealt.
 */
export async function readSimRecords(p: LaunchedPlatform, ids: readonly string[]) {
  const orders: SimOrderView[] = [];
  for (const id of ids) {
    const res = await fetch(`${p.ttsUrl}/__control/orders/${id}`);
    orders.push((await res.json()) as SimOrderView);
  }
  const supplier = (await (await fetch(`${p.supplierUrl}/__control/state`)).json()) as {
    received: Array<{ dispatchId: string; orderNumber: string; deliveries: number }>;
    calls: Array<{ path: string; status: number; attempt: number }>;
  };
  const webhooks = (await (await fetch(`${p.ttsUrl}/__control/webhooks`)).json()) as Array<{
    notificationId: string;
    attempt: number;
    status: number | string;
  }>;
  const tokens = (await (await fetch(`${p.ttsUrl}/__control/tokens`)).json()) as string[];

  const firstTries = new Map<string, number>();
  for (const w of webhooks)
    if (w.attempt === 1)
      firstTries.set(w.notificationId, (firstTries.get(w.notificationId) ?? 0) + 1);
  const callbackFirstTries = new Map<string, number>();
  for (const c of supplier.calls)
    if (c.attempt === 1) callbackFirstTries.set(c.path, (callbackFirstTries.get(c.path) ?? 0) + 1);
  const records: SimRecords = {
    packages: new Map(orders.map((o) => [o.id, o.packages.length])),
    supplierAccepted: supplier.received,
  };
  return {
    records,
    recipients: orders.map((o) => o.recipientAddress),
    tokens,
    dealt: {
      'marketplace notifications sent': new Set(webhooks.map((w) => w.notificationId)).size,
      'marketplace webhooks dropped': webhooks.filter((w) => w.status === 'dropped').length,
      'marketplace webhooks held back (reordered)': webhooks.filter((w) => w.status === 'held_back')
        .length,
      'marketplace webhooks duplicated': [...firstTries.values()].filter((n) => n > 1).length,
      'marketplace webhook deliveries refused or failed': webhooks.filter((w) =>
        typeof w.status !== 'number' ? w.status === 'error' : w.status >= 300,
      ).length,
      'supplier dispatch deliveries seen twice or more (deduped)': supplier.received.filter(
        (r) => r.deliveries > 1,
      ).length,
      'supplier callbacks duplicated': [...callbackFirstTries.values()].filter((n) => n > 1).length,
      'supplier callbacks retried (5xx, 429, no answer)': supplier.calls.filter(
        (c) => c.attempt > 1,
      ).length,
    },
  };
}
