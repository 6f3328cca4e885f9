import { createHash } from 'node:crypto';
import { CODES, SimApiError } from './api-error.ts';
import type { SimCore } from './core.ts';
import { renderOrder } from './render.ts';
import type { SimOrder, SimShop } from './types.ts';

const badParam = (msg: string) => new SimApiError(CODES.OVERLOADED, msg, 400);

function num(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badParam(`${name} must be unix seconds`);
  return v;
}

/**
 * POST /order/202309/orders/search (reference §4). The page token is opaque to clients but binds
 * the filters it was issued for, so reusing it with other filters is rejected like TikTok would.
 */
export function searchOrders(
  core: SimCore,
  shop: SimShop,
  query: Record<string, string>,
  body: Record<string, unknown>,
) {
  const pageSize = Number(query.page_size);
  if (!/^\d+$/.test(query.page_size ?? '') || pageSize < 1 || pageSize > 100) {
    throw badParam('page_size must be between 1 and 100');
  }
  const sortField = query.sort_field ?? 'create_time';
  if (sortField !== 'create_time' && sortField !== 'update_time')
    throw badParam('Invalid sort_field');
  const sortOrder = query.sort_order ?? 'DESC';
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') throw badParam('Invalid sort_order');
  const status = body.order_status;
  if (status !== undefined && typeof status !== 'string') throw badParam('Invalid order_status');
  const bounds = {
    uGe: num(body.update_time_ge, 'update_time_ge'),
    uLt: num(body.update_time_lt, 'update_time_lt'),
    cGe: num(body.create_time_ge, 'create_time_ge'),
    cLt: num(body.create_time_lt, 'create_time_lt'),
  };
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([shop.id, sortField, sortOrder, status, bounds, body.shipping_type]))
    .digest('hex')
    .slice(0, 16);

  let offset = 0;
  if (query.page_token) {
    const decoded = decodeToken(query.page_token);
    if (!decoded || decoded.f !== fingerprint) throw badParam('Invalid page_token');
    offset = decoded.o;
  }

  const inRange = (v: number, ge?: number, lt?: number) =>
    (ge === undefined || v >= ge) && (lt === undefined || v < lt);
  const key = (o: SimOrder) => (sortField === 'update_time' ? o.updateTime : o.createTime);
  const matches = [...core.orders.orders.values()]
    .filter(
      (o) =>
        o.shopId === shop.id &&
        (status === undefined || o.status === status) &&
        (body.shipping_type === undefined || body.shipping_type === o.shippingType) &&
        inRange(o.updateTime, bounds.uGe, bounds.uLt) &&
        inRange(o.createTime, bounds.cGe, bounds.cLt),
    )
    // Ties broken by id so pages are stable when many orders share a second.
    .sort((a, b) => (key(a) - key(b) || (a.id < b.id ? -1 : 1)) * (sortOrder === 'ASC' ? 1 : -1));

  const page = matches.slice(offset, offset + pageSize);
  const next =
    offset + pageSize < matches.length ? encodeToken(offset + pageSize, fingerprint) : '';
  return { total_count: matches.length, next_page_token: next, orders: page.map(renderOrder) };
}

function encodeToken(o: number, f: string): string {
  return Buffer.from(JSON.stringify({ o, f })).toString('base64url');
}

function decodeToken(token: string): { o: number; f: string } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const { o, f } = v as { o?: unknown; f?: unknown };
    return typeof o === 'number' && typeof f === 'string' ? { o, f } : undefined;
  } catch {
    return undefined;
  }
}
