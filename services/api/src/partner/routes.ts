import { type Dispatch, getDispatch, withSupplier } from '@switchyard/db';
import { decidePartnerMessage, type PartnerMessage } from '@switchyard/domain';
import {
  supplierAckUpdate,
  supplierRejectUpdate,
  supplierShipmentUpdate,
} from '@switchyard/workflows';
import {
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { storableInput } from '../storable-input.ts';
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
// gRPC status 4: the deadline passed before the server answered.
const isDeadlineExceeded = (err: unknown) => isGrpcServiceError(err) && err.code === 4;

export function partnerRoutes(deps: ApiDeps) {
  const app = new Hono<PartnerEnv>();
  // The contract is public: a supplier's developer reads it before holding a key.
  app.get('/openapi.json', (c) => c.json(partnerOpenApi()));
  app.use('*', partnerAuth(deps), storableInput({ json: true }));

  async function loadDispatch(c: Context<PartnerEnv>): Promise<Dispatch> {
    const id = c.req.param('id') ?? '';
    // Ids we issue are `d_` + hex; anything the database cannot even compare (U+0000) or that
    // is absurdly long is simply not found.
    if (!DISPATCH_ID.test(id)) throw new AppError('DISPATCH_NOT_FOUND', 'dispatch not found');
    const d = await withSupplier(deps.db, c.get('supplier').id, (trx) => getDispatch(trx, id));
    if (!d) throw new AppError('DISPATCH_NOT_FOUND', `dispatch ${id} not found`);
    return d;
  }

  /**
   * The dispatch state rules (decidePartnerMessage): a repeat is answered with the dispatch's
   * status, returned here; a refusal is DISPATCH_CLOSED; undefined means deliver.
   */
  function admit(d: Dispatch, message: PartnerMessage): string | undefined {
    const decision = decidePartnerMessage(
      { status: d.status, trackingNumber: d.tracking_number },
      message,
    );
    if (decision === 'deliver') return undefined;
    if ('refuse' in decision) throw new AppError('DISPATCH_CLOSED', decision.refuse);
    return decision.repeat;
  }

  /**
   * Delivers the supplier's message to the order workflow and waits, boundedly, for it to be
   * taken. A stale dispatch is refused; with no worker to take it in time the supplier is told
   * to retry (503), and the retry is deduplicated by the update id.
   */
  async function deliver<Args extends [unknown, ...unknown[]]>(
    d: Dispatch,
    update: UpdateDefinition<{ accepted: true }, Args>,
    args: Args,
    updateId: string,
  ) {
    try {
      await deps.temporal.withDeadline(Date.now() + (deps.partnerUpdateWaitMs ?? 10_000), () =>
        deps.temporal.workflow.getHandle(d.workflow_id).executeUpdate(update, { args, updateId }),
      );
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError)
        throw new AppError(
          'DISPATCH_NOT_CURRENT',
          'this dispatch is no longer current for the order',
        );
      if ((err as Error).name === 'WorkflowNotFoundError')
        throw new AppError('DISPATCH_CLOSED', `order of dispatch ${d.id} is closed`);
      if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isDeadlineExceeded(err)) {
        throw new AppError(
          'TRY_AGAIN_LATER',
          'the platform could not take the message in time; retry with the same body',
        );
      }
      throw err;
    }
  }

  app.post('/dispatches/:id/ack', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, ackBody);
    const repeat = admit(d, { kind: 'ack' });
    if (repeat) return c.json({ status: repeat });
    await deliver(
      d,
      supplierAckUpdate,
      [{ dispatchId: d.id, expectedShipAt: b.expected_ship_at, channel: b.channel }],
      `${d.id}:ack`,
    );
    return c.json({ status: 'acknowledged' });
  });

  app.post('/dispatches/:id/shipment', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, shipmentBody);
    const repeat = admit(d, { kind: 'shipment', trackingNumber: b.tracking_number });
    if (repeat) return c.json({ status: repeat });
    await checkTracking(deps, d, b.tracking_number, b.carrier);
    const lines = b.lines?.map((l) => ({ supplierItemCode: l.sku_code, quantity: l.quantity }));
    await deliver(
      d,
      supplierShipmentUpdate,
      [
        {
          dispatchId: d.id,
          trackingNumber: b.tracking_number,
          carrier: b.carrier,
          ...(lines && { lines }),
        },
      ],
      `${d.id}:ship:${b.tracking_number}`,
    );
    return c.json({ status: 'received' }, 202);
  });

  app.post('/dispatches/:id/reject', async (c) => {
    const d = await loadDispatch(c);
    const b = await body(c, rejectBody);
    const repeat = admit(d, { kind: 'reject' });
    if (repeat) return c.json({ status: repeat });
    await deliver(
      d,
      supplierRejectUpdate,
      [{ dispatchId: d.id, reason: b.reason }],
      `${d.id}:reject`,
    );
    return c.json({ status: 'rejected' });
  });

  return app;
}
