import { decrypt } from '@switchyard/auth';
import {
  type DispatchStatus,
  dispatchLines,
  getOrdersForSupplier,
  InvalidCursorError,
  listDispatchLabels,
  listSupplierDispatches,
  withSupplier,
  withTenant,
} from '@switchyard/db';
import { DEFAULT_FULFILLMENT_POLICY, DISPATCH_STATUSES, type Recipient } from '@switchyard/domain';
import { buildDispatchPayload, type DispatchPayload } from '@switchyard/suppliers';
import { type Context, Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { PartnerEnv } from './auth.ts';

const labelOf = (
  l:
    | { package_id: string; tracking_number: string; carrier: string; document_type: string }
    | undefined,
) =>
  l && {
    packageId: l.package_id,
    trackingNumber: l.tracking_number,
    carrier: l.carrier,
    documentType: l.document_type,
  };

export const PULL_LIMIT = { default: 50, max: 100 } as const;
const MAX_CURSOR = 512;
/** Dispatches the supplier still has to act on: only these carry the buyer's address. */
const OPEN: readonly DispatchStatus[] = ['sent', 'acknowledged'];

/** The one value of query parameter `name`, or undefined; a repeated parameter is refused. */
function single(
  c: Context,
  name: string,
  code: 'LIMIT_INVALID' | 'STATUS_INVALID' | 'CURSOR_INVALID',
) {
  const all = c.req.queries(name);
  if (!all) return undefined;
  if (all.length !== 1) throw new AppError(code, `give ${name} once`);
  return all[0];
}

function parsePullQuery(c: Context) {
  const limitText = single(c, 'limit', 'LIMIT_INVALID');
  const limit = limitText === undefined ? PULL_LIMIT.default : Number(limitText);
  if (
    (limitText !== undefined && !/^\d{1,3}$/.test(limitText)) ||
    limit < 1 ||
    limit > PULL_LIMIT.max
  )
    throw new AppError('LIMIT_INVALID', `limit must be a whole number from 1 to ${PULL_LIMIT.max}`);
  const status = single(c, 'status', 'STATUS_INVALID');
  if (status !== undefined && !(DISPATCH_STATUSES as readonly string[]).includes(status))
    throw new AppError('STATUS_INVALID', `status must be one of ${DISPATCH_STATUSES.join(', ')}`);
  const cursor = single(c, 'cursor', 'CURSOR_INVALID');
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > MAX_CURSOR))
    throw new AppError('CURSOR_INVALID', 'invalid cursor: start again without one');
  return { limit, status: status as DispatchStatus | undefined, cursor };
}

/**
 * `GET /dispatches`: the pull connector (R-RT-2). A supplier without a webhook endpoint lists
 * its dispatches oldest first, walks the pages with the opaque cursor, and answers each through
 * the same `POST /dispatches/:id/ack|shipment|reject` as a pushed-to supplier. Only its own
 * dispatches exist for it (row-level security by supplier).
 *
 * Each open dispatch (sent or acknowledged) carries `delivery`, exactly the body a push
 * delivers (buildDispatchPayload), read from the database (the order and its encrypted
 * recipient), never from workflow history. A closed one carries none: a supplier no longer
 * handling an order has no use for the buyer's address (R-ONB-3), nor does an order whose
 * buyer data was erased.
 */
export function pullRoutes(deps: ApiDeps) {
  const app = new Hono<PartnerEnv>();
  app.get('/', async (c) => {
    const q = parsePullQuery(c);
    const supplierId = c.get('supplier').id;
    const page = await withSupplier(deps.db, supplierId, (trx) =>
      listSupplierDispatches(trx, supplierId, {
        status: q.status,
        page: { limit: q.limit, cursor: q.cursor },
      }),
    ).catch((err: unknown) => {
      if (err instanceof InvalidCursorError)
        throw new AppError('CURSOR_INVALID', 'invalid cursor: start again without one');
      throw err;
    });

    // Each tenant's orders in that tenant's scope; the ids come from the supplier's own rows.
    const open = page.items.filter((d) => OPEN.includes(d.status));
    const byTenant = new Map<string, typeof open>();
    for (const d of open) byTenant.set(d.tenant_id, [...(byTenant.get(d.tenant_id) ?? []), d]);
    const orders = new Map<string, Awaited<ReturnType<typeof getOrdersForSupplier>>[number]>();
    const labels: Awaited<ReturnType<typeof listDispatchLabels>> = new Map();
    for (const [tenantId, ds] of byTenant) {
      const ids = ds.map((d) => d.order_id);
      const { rows, found } = await withTenant(deps.db, tenantId, async (trx) => ({
        rows: await getOrdersForSupplier(trx, ids),
        // Platform labels (R-CHK-3) of TikTok Shipping orders travel with their dispatch: a
        // line group's dispatch with its group's (R-RT-1).
        found: await listDispatchLabels(
          trx,
          ds.map((d) => d.id),
        ),
      }));
      for (const o of rows) orders.set(o.id, o);
      for (const [id, l] of found) labels.set(id, l);
    }
    const callbackBaseUrl = deps.partnerApiUrl ?? new URL('/partner/v1', c.req.url).href;
    const { ackWindowMs, shipWindowMs } = DEFAULT_FULFILLMENT_POLICY;

    const items = page.items.map((d) => {
      const createdAt = new Date(d.created_at);
      const order = OPEN.includes(d.status) ? orders.get(d.order_id) : undefined;
      let delivery: DispatchPayload | null = null;
      if (order?.recipient_enc) {
        const recipient: Recipient = JSON.parse(decrypt(deps.keyring, order.recipient_enc));
        delivery = buildDispatchPayload({
          dispatchId: d.id,
          orderNumber: order.platform_order_id,
          lines: dispatchLines(d, order),
          recipient,
          carrierCode: order.carrier ?? '',
          shipBy: order.ship_by ?? new Date(createdAt.getTime() + shipWindowMs),
          // The deadline the dispatch was given; dispatches from before it was kept, the default.
          ackDueAt: d.ack_due_at
            ? new Date(d.ack_due_at)
            : new Date(createdAt.getTime() + ackWindowMs),
          callbackBaseUrl,
          label: labelOf(labels.get(d.id)),
        });
      }
      return {
        dispatch_id: d.id,
        status: d.status,
        created_at: createdAt.toISOString(),
        acknowledged_at: d.acked_at && new Date(d.acked_at).toISOString(),
        expected_ship_at: d.expected_ship_at && new Date(d.expected_ship_at).toISOString(),
        shipped_at: d.shipped_at && new Date(d.shipped_at).toISOString(),
        tracking_number: d.tracking_number,
        carrier: d.carrier,
        delivery,
      };
    });
    return c.json({ items, next_cursor: page.lastCursor, has_more: page.hasMore });
  });
  return app;
}
