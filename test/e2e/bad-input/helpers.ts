import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { orderWorkflowId } from '@switchyard/domain';
import { signWebhook } from '@switchyard/tiktok-shop';
import { progressQuery } from '@switchyard/workflows';
import { WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { eventually, type Platform } from '../../harness/platform.ts';

// Shared helpers of the bad-input suites: adversarial input at every public surface of the api.
// Each refusal has one HTTP status and one stable error code, is never a 5xx, and leaves no
// trace (no row, no workflow).

export const APP_KEY = 'sim-app-key';
export const APP_SECRET = 'sim-app-secret';
export const WEBHOOK_LIMIT = 64 * 1024;

/** Row counts of every table an accepted request could write to, plus each dispatch's state. */
export async function snapshot(p: Platform) {
  const { rows } = await sql<Record<string, number>>`
    select (select count(*) from webhook_inbox)::int as webhook_inbox,
           (select count(*) from orders)::int as orders,
           (select count(*) from dispatches)::int as dispatches,
           (select count(*) from ledger_entries)::int as ledger_entries,
           (select count(*) from order_events)::int as order_events`.execute(p.admin);
  const dispatches = await p.admin
    .selectFrom('dispatches')
    .select(['id', 'status', 'tracking_number', 'carrier', 'acked_at', 'shipped_at'])
    .orderBy('id')
    .execute();
  return { counts: rows[0], dispatches };
}

/** Asserts the exact status and stable error code of an api error body `{ error: { code } }`. */
export async function expectError(res: Response, status: number, code: string) {
  const text = await res.text();
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  expect({ status: res.status, code: body?.error?.code }, text).toEqual({ status, code });
  expect(typeof body?.error?.message).toBe('string');
  return body!.error!;
}

/** Throws unless no workflow exists for this marketplace order of the tenant's shop. */
export async function expectNoWorkflow(p: Platform, platformOrderId: string) {
  const t = p.tenants[0]!;
  const handle = p.temporal.workflow.getHandle(
    orderWorkflowId(t.tenantId, t.shopId, platformOrderId),
  );
  await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

export const nowSec = () => Math.floor(Date.now() / 1000);

/** A type-1 notification that would start an order workflow if it got through. */
export function orderNotification(shopId: string, over: Record<string, unknown> = {}) {
  const orderId = `5764${Math.floor(Math.random() * 1e14)}`;
  const payload = {
    type: 1,
    tts_notification_id: `n-${randomUUID()}`,
    shop_id: shopId,
    timestamp: nowSec(),
    data: { order_id: orderId, order_status: 'AWAITING_SHIPMENT', update_time: nowSec() },
    ...over,
  };
  return { orderId, payload, raw: JSON.stringify(payload) };
}

export const signed = (raw: string | Uint8Array, secret = APP_SECRET, appKey = APP_KEY) => ({
  authorization: signWebhook(appKey, secret, raw),
});

export function postWebhook(p: Platform, body: string, headers: Record<string, string> = {}) {
  return fetch(`${p.apiUrl}/webhooks/tiktok`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/**
 * POSTs with `Transfer-Encoding: chunked` (no Content-Length) on a connection of its own: the
 * server may answer and close before reading everything, which must not poison a shared pool.
 */
export function postChunked(url: string, body: string, headers: Record<string, string>) {
  return new Promise<Response>((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })),
      );
    });
    req.on('error', reject);
    const bytes = Buffer.from(body);
    for (let i = 0; i < bytes.length; i += 8192) req.write(bytes.subarray(i, i + 8192));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Partner API
// ---------------------------------------------------------------------------------------------

export type PartnerAction = 'ack' | 'shipment' | 'reject';
const VALID_BODY: Record<PartnerAction, unknown> = {
  ack: { channel: 'api' },
  shipment: { tracking_number: '9400111899223100001234', carrier: 'USPS' },
  reject: { reason: 'out of stock' },
};

export function partnerCall(
  p: Platform,
  dispatchId: string,
  action: PartnerAction,
  opts: { authorization?: string; body?: unknown },
) {
  const body = opts.body === undefined ? VALID_BODY[action] : opts.body;
  return fetch(`${p.apiUrl}/partner/v1/dispatches/${dispatchId}/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.authorization !== undefined && { authorization: opts.authorization }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Creates a marketplace order and waits until its dispatch is open and the platform is idle. */
export async function openDispatch(p: Platform) {
  const t = p.tenants[0]!;
  const simOrder = p.tts.createOrder(t.simShopId);
  const handle = p.temporal.workflow.getHandle(orderWorkflowId(t.tenantId, t.shopId, simOrder.id));
  const progress = await eventually(async () => {
    const pr = await handle.query(progressQuery);
    return pr.phase === 'dispatched' && pr.dispatchId ? pr : undefined;
  });
  const dispatchId = progress.dispatchId!;
  await eventually(async () => {
    const o = await p.admin
      .selectFrom('orders')
      .select('status')
      .where('platform_order_id', '=', simOrder.id)
      .executeTakeFirst();
    return (
      o?.status === 'dispatched' && p.supplier.received().some((r) => r.dispatchId === dispatchId)
    );
  });
  await p.tts.webhooksIdle();
  return { simOrderId: simOrder.id, dispatchId, handle };
}

// ---------------------------------------------------------------------------------------------
// tRPC
// ---------------------------------------------------------------------------------------------

export function listOrders(p: Platform, input: string, authorization?: string) {
  return fetch(`${p.apiUrl}/trpc/orders.list?input=${encodeURIComponent(input)}`, {
    headers: authorization ? { authorization } : {},
  });
}

/** A tRPC query over plain HTTP GET; `input` undefined sends none. */
export function trpcQuery(p: Platform, path: string, input: unknown, authorization: string) {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return fetch(`${p.apiUrl}/trpc/${path}${query}`, { headers: { authorization } });
}

/** A tRPC mutation over plain HTTP, as any client could send it. */
export function trpcMutation(p: Platform, path: string, input: unknown, authorization: string) {
  return fetch(`${p.apiUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(input),
  });
}

/**
 * tRPC errors carry the tRPC code in `error.data.code`, the status in `httpStatus` and, when
 * the api refused the input itself, its stable code in `appCode`.
 */
export async function expectTrpcError(
  res: Response,
  status: number,
  code: string,
  appCode?: string,
) {
  const text = await res.text();
  const body = JSON.parse(text) as {
    error?: {
      message?: string;
      data?: { code?: string; httpStatus?: number; appCode?: string | null; details?: unknown };
    };
  };
  const data = body.error?.data;
  expect(
    {
      status: res.status,
      code: data?.code,
      httpStatus: data?.httpStatus,
      ...(appCode && { appCode: data?.appCode }),
    },
    text,
  ).toEqual({ status, code, httpStatus: status, ...(appCode && { appCode }) });
  return { message: body.error?.message, details: data?.details };
}

/** A cursor as a client could forge one: base64url of a key array, or of any text. */
export const cursorOf = (key: string | string[]) =>
  Buffer.from(typeof key === 'string' ? key : JSON.stringify(key)).toString('base64url');
