import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppRouter } from '@switchyard/api';
import { decrypt } from '@switchyard/auth';
import { registerSupplier } from '@switchyard/onboarding';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, expect } from 'vitest';
import { eventually, type Platform, startPlatform } from '../../harness/platform.ts';

// Shared helpers of the tenant-fixes suites. R-CHK-1, R-CHK-2: a failed check
// holds the order with its reasons on the timeline; the tenant's fix (a new mapping, a corrected
// address) re-runs the checks and releases the hold. Over real HTTP, Postgres and Temporal.

export const trpc = (p: Platform, token: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${p.apiUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });
export type Client = ReturnType<typeof trpc>;

/** What the supplier was sent, as JSON, per order number. */
type DispatchBody = {
  order: {
    order_number: string;
    lines: Array<{ sku_code: string; quantity: number }>;
    recipient: Record<string, unknown>;
  };
};

/**
 * Sits between the platform and the supplier sim and keeps each dispatch body, so the test can
 * see exactly what the supplier received. The signature covers the body only, so forwarding
 * the same bytes and headers keeps it valid.
 */
async function startRecordingProxy(target: string) {
  const bodies: DispatchBody[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    bodies.push(JSON.parse(body.toString('utf8')) as DispatchBody);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))
        headers.set(k, v);
    }
    const r = await fetch(target, { method: 'POST', headers, body });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dispatches`,
    sentFor: (orderNumber: string) => bodies.filter((b) => b.order.order_number === orderNumber),
    close: () => new Promise((r) => server.close(r)),
  };
}
export type RecordingProxy = Awaited<ReturnType<typeof startRecordingProxy>>;

/**
 * Starts a recording proxy in front of the platform's supplier sim and points factory-a at it:
 * re-registers it (same signing secret) as an operator would; that rotates its partner key, so
 * the sim gets the new one.
 */
export async function routeSupplierThroughProxy(p: Platform): Promise<RecordingProxy> {
  const proxy = await startRecordingProxy(`${p.supplier.url}/dispatches`);
  const s = await p.admin
    .selectFrom('suppliers')
    .selectAll()
    .where('id', '=', p.supplierId)
    .executeTakeFirstOrThrow();
  const { partnerKey } = await registerSupplier(
    { db: p.db, keyring: p.keyring },
    {
      code: s.code,
      name: s.name,
      endpointUrl: proxy.url,
      signingSecret: decrypt(p.keyring, s.signing_secret_enc),
      countries: s.countries,
      carriers: s.carriers,
    },
  );
  p.supplier.setPartnerApi(`${p.apiUrl}/partner/v1`, partnerKey);
  return proxy;
}

/** The order of a marketplace order number, once the platform has recorded it. */
export async function orderIdOf(client: Client, orderNumber: string) {
  const o = await eventually(async () =>
    (await client.orders.list.query({ limit: 100 })).items.find(
      (i) => i.orderNumber === orderNumber,
    ),
  );
  return o.id;
}

/** Waits until the checks hold the order and its `held` step is on the timeline. */
export function heldOrder(client: Client, id: string) {
  return eventually(async () => {
    const o = await client.orders.get.query({ id });
    return o.status === 'on_hold' && o.timeline.some((e) => e.kind === 'held') ? o : undefined;
  });
}

/** tRPC's error code and message, to compare refusals exactly. */
export async function refusal(call: Promise<unknown>) {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCClientError);
  const e = err as TRPCClientError<AppRouter>;
  return { code: e.data?.code, httpStatus: e.data?.httpStatus, message: e.message };
}

/** The order's ledger lines, oldest first: the shipment's markup, then the order's fee. */
export const ledgerOf = (p: Platform, orderId: string) =>
  p.admin
    .selectFrom('ledger_entries')
    .select(['kind', 'amount_minor', 'currency'])
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((l) => [l.kind, l.amount_minor, l.currency]));

export const withoutCleaning = (kinds: string[]) => kinds.filter((k) => k !== 'address_cleaned');

/**
 * The platform of one tenant-fix suite: two tenants, factory A reached through the recording
 * proxy, and both tenants' tRPC clients. Registers its own beforeAll/afterAll.
 */
export function useTenantFixPlatform(): {
  p: Platform;
  proxy: RecordingProxy;
  a: Client;
  b: Client;
} {
  const ctx = {} as { p: Platform; proxy: RecordingProxy; a: Client; b: Client };
  beforeAll(async () => {
    ctx.p = await startPlatform({ tenants: 2 });
    ctx.proxy = await routeSupplierThroughProxy(ctx.p);
    ctx.a = trpc(ctx.p, ctx.p.tenants[0]!.apiToken);
    ctx.b = trpc(ctx.p, ctx.p.tenants[1]!.apiToken);
  });
  afterAll(async () => {
    await ctx.p?.close();
    await ctx.proxy?.close();
  });
  return ctx;
}
