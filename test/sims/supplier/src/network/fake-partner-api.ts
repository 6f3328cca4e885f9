import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { refusesTrackingVerdict, validateTrackingNumber } from '@switchyard/domain';
import type { DispatchPayload } from '@switchyard/suppliers';
import { Hono } from 'hono';

export interface PartnerPost {
  path: string;
  key: string;
  body: Record<string, unknown>;
  status: number;
}

/**
 * Test-only partner API for the network's own tests: the routes and refusals a supplier meets
 * (`401` for an unknown key, `409` for a withdrawn dispatch, `422` for a tracking number of the
 * wrong shape or check digit, the pull listing of what waits for acknowledgement).
 */
export async function startFakePartnerApi(keys: Record<string, string>) {
  const posts: PartnerPost[] = [];
  const waiting = new Map<string, DispatchPayload & { supplier: string }>();
  const closed = new Set<string>();
  const supplierOf = (auth: string | undefined) =>
    Object.entries(keys).find(([, k]) => auth === `Bearer ${k}`)?.[0];
  const app = new Hono();
  app.get('/partner/v1/dispatches', (c) => {
    const supplier = supplierOf(c.req.header('authorization'));
    if (!supplier) return c.json({ error: { code: 'PARTNER_UNAUTHORIZED' } }, 401);
    const items = [...waiting.values()]
      .filter((d) => d.supplier === supplier)
      .map(({ supplier: _, ...delivery }) => ({
        dispatch_id: delivery.dispatch_id,
        status: 'sent',
        delivery,
      }));
    return c.json({ items, next_cursor: 'c1', has_more: false });
  });
  app.post('/partner/v1/*', async (c) => {
    const supplier = supplierOf(c.req.header('authorization'));
    const body = (await c.req.json()) as Record<string, unknown>;
    const id = /dispatches\/([^/]+)\//.exec(c.req.path)?.[1] ?? '';
    let status = 200;
    if (!supplier) status = 401;
    else if (closed.has(id)) status = 409;
    else if (c.req.path.endsWith('/shipment')) {
      const v = validateTrackingNumber(String(body.tracking_number), String(body.carrier));
      if (refusesTrackingVerdict(v.status)) status = 422;
    }
    if (status === 200 && c.req.path.endsWith('/ack')) waiting.delete(id);
    if (status === 200 && c.req.path.endsWith('/reject')) waiting.delete(id);
    posts.push({ path: c.req.path.replace('/partner/v1', ''), key: supplier ?? '', body, status });
    return c.json({ status: status === 200 ? 'ok' : 'refused' }, status as 200);
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (i: AddressInfo) =>
        resolve({ server: s, port: i.port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}/partner/v1`,
    posts,
    /** Puts a dispatch on a pull supplier's listing. */
    offer(supplier: string, d: DispatchPayload) {
      waiting.set(d.dispatch_id, { ...d, supplier });
    },
    /** The platform withdrew it: later answers are refused with 409. */
    withdraw(dispatchId: string) {
      waiting.delete(dispatchId);
      closed.add(dispatchId);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
