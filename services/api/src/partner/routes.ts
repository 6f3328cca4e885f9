import { type Dispatch, getDispatch, withSupplier } from '@switchyard/db';
import {
  supplierAckUpdate,
  supplierRejectUpdate,
  supplierShipmentUpdate,
} from '@switchyard/workflows';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { type PartnerEnv, partnerAuth } from './auth.ts';
import { checkTracking } from './check-tracking.ts';
import { ackBody, partnerOpenApi, rejectBody, shipmentBody } from './contract.ts';

const DISPATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

async function body<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const json = await c.req.json().catch(() => {
    throw new AppError('BAD_REQUEST', 'body must be JSON');
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AppError('BAD_REQUEST', 'invalid body', z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/**
 * The partner (supplier) API, `/partner/v1` (R-SLA-2, R-SLA-3): acknowledge, ship, reject.
 * A supplier sees only its own dispatches (row-level security by supplier id); another's id
 * answers 404 exactly like an unknown one.
 */
export function partnerRoutes(deps: ApiDeps) {
  const app = new Hono<PartnerEnv>();
  // The contract is public: a supplier's developer reads it before holding a key.
  app.get('/openapi.json', (c) => c.json(partnerOpenApi()));
  app.use('*', partnerAuth(deps));

  async function loadDispatch(c: Context<PartnerEnv>): Promise<Dispatch> {
    const id = c.req.param('id') ?? '';
    // Ids we issue are `d_` + hex; anything the database cannot even compare (U+0000) or that
    // is absurdly long is simply not found.
    if (!DISPATCH_ID.test(id)) throw new AppError('DISPATCH_NOT_FOUND', 'dispatch not found');
    const d = await withSupplier(deps.db, c.get('supplier').id, (trx) => getDispatch(trx, id));
    if (!d) throw new AppError('DISPATCH_NOT_FOUND', `dispatch ${id} not found`);
    return d;
  }

  /** Delivers the supplier's message to the order workflow; a stale dispatch is refused. */
  async function deliver(d: Dispatch, send: () => Promise<unknown>) {
    try {
      await send();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError)
        throw new AppError(
          'DISPATCH_NOT_CURRENT',
          'this dispatch is no longer current for the order',
        );
      if ((err as Error).name === 'WorkflowNotFoundError')
        throw new AppError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
      throw err;
    }
  }

  app.post('/dispatches/:id/ack', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, ackBody);
    if (d.status === 'acknowledged' || d.status === 'shipped') return c.json({ status: d.status });
    if (d.status !== 'sent') throw new AppError('DISPATCH_CLOSED', `dispatch is ${d.status}`);
    await deliver(d, () =>
      deps.temporal.workflow.getHandle(d.workflow_id).executeUpdate(supplierAckUpdate, {
        args: [{ dispatchId: d.id, expectedShipAt: b.expected_ship_at, channel: b.channel }],
      }),
    );
    return c.json({ status: 'acknowledged' });
  });

  app.post('/dispatches/:id/shipment', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, shipmentBody);
    if (d.status === 'shipped' && d.tracking_number === b.tracking_number)
      return c.json({ status: 'shipped' });
    if (d.status !== 'sent' && d.status !== 'acknowledged')
      throw new AppError('DISPATCH_CLOSED', `dispatch is ${d.status}`);
    await checkTracking(deps, d, b.tracking_number, b.carrier);
    await deliver(d, () =>
      deps.temporal.workflow.getHandle(d.workflow_id).executeUpdate(supplierShipmentUpdate, {
        args: [
          {
            dispatchId: d.id,
            trackingNumber: b.tracking_number,
            carrier: b.carrier,
            ...(b.lines && {
              lines: b.lines.map((l) => ({ supplierItemCode: l.sku_code, quantity: l.quantity })),
            }),
          },
        ],
      }),
    );
    return c.json({ status: 'received' }, 202);
  });

  app.post('/dispatches/:id/reject', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, rejectBody);
    if (d.status === 'rejected' || d.status === 'withdrawn') return c.json({ status: d.status });
    if (d.status === 'shipped')
      throw new AppError('DISPATCH_CLOSED', 'dispatch is already shipped');
    await deliver(d, () =>
      deps.temporal.workflow
        .getHandle(d.workflow_id)
        .executeUpdate(supplierRejectUpdate, { args: [{ dispatchId: d.id, reason: b.reason }] }),
    );
    return c.json({ status: 'rejected' });
  });

  return app;
}
