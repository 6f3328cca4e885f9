import { decrypt } from '@switchyard/auth';
import { type Dispatch, getDispatch, getDispatchLabel, withSupplier } from '@switchyard/db';
import { deliverSupplierMessage } from '@switchyard/workflows';
import { type Context, Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';
import { storableInput } from '../storable-input.ts';
import { type PartnerEnv, partnerAuth } from './auth.ts';
import { parseBody } from './body.ts';
import { catalogRoutes } from './catalog.ts';
import { ackBody, partnerOpenApi, rejectBody, shipmentBody } from './contract.ts';
import { docsRoutes } from './docs.ts';
import { fileRoutes } from './files.ts';
import { idempotency } from './idempotency.ts';
import { pullRoutes } from './pull.ts';

const DISPATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The partner (supplier) API, `/partner/v1` (R-RT-2, R-SLA-2, R-SLA-3): list dispatches (pull),
 * acknowledge, ship, reject, and the stock feed. A supplier sees only its own dispatches
 * (row-level security by supplier id); another's id answers 404 exactly like an unknown one.
 * What a message does is deliverSupplierMessage's; a repeat of what already happened answers
 * 200 with the dispatch's status. Every POST takes an optional `Idempotency-Key`.
 */
export function partnerRoutes(deps: ApiDeps, edge: Edge) {
  const app = new Hono<PartnerEnv>();
  // The contract and its page are public: a supplier's developer reads them before holding a key.
  app.get('/openapi.json', (c) => c.json(partnerOpenApi()));
  app.route('/', docsRoutes());
  app.route('/files', fileRoutes(deps, edge));
  app.use('*', partnerAuth(deps, edge), idempotency(deps), storableInput({ json: true }));
  app.route('/dispatches', pullRoutes(deps));

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
   * The platform label of a TikTok Shipping order (R-CHK-3), for the supplier its open
   * dispatch is addressed to; any other key finds no such dispatch. The document shows the
   * buyer's address: never cached.
   */
  app.get('/dispatches/:id/label', async (c) => {
    const d = await loadDispatch(c);
    const label = await withSupplier(deps.db, c.get('supplier').id, (trx) =>
      getDispatchLabel(trx, d.id),
    );
    if (!label?.document_enc)
      throw new AppError('LABEL_NOT_FOUND', `dispatch ${d.id} has no label to print`);
    const bytes = Buffer.from(decrypt(deps.keyring, label.document_enc), 'base64');
    const ext = label.document_type === 'application/pdf' ? 'pdf' : 'bin';
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': label.document_type,
      'content-disposition': `inline; filename="label-${label.package_id}.${ext}"`,
      'cache-control': 'private, no-store',
      'x-tracking-number': label.tracking_number,
    });
  });

  app.post('/dispatches/:id/ack', async (c) => {
    const d = await loadDispatch(c);
    const b = await parseBody(c, ackBody);
    const r = await deliverSupplierMessage(deps, d, {
      kind: 'ack',
      expectedShipAt: b.expected_ship_at,
      channel: b.channel,
    });
    return c.json({ status: 'repeat' in r ? r.repeat : 'acknowledged' });
  });

  app.post('/dispatches/:id/shipment', async (c) => {
    const d = await loadDispatch(c);
    const b = await parseBody(c, shipmentBody);
    const r = await deliverSupplierMessage(deps, d, {
      kind: 'shipment',
      trackingNumber: b.tracking_number,
      carrier: b.carrier,
      lines: b.lines?.map((l) => ({ supplierItemCode: l.sku_code, quantity: l.quantity })),
    });
    if ('repeat' in r) return c.json({ status: r.repeat });
    return c.json({ status: 'received' }, 202);
  });

  app.route('/catalog', catalogRoutes(deps));

  app.post('/dispatches/:id/reject', async (c) => {
    const d = await loadDispatch(c);
    const b = await parseBody(c, rejectBody);
    const r = await deliverSupplierMessage(deps, d, { kind: 'reject', reason: b.reason });
    return c.json({ status: 'repeat' in r ? r.repeat : 'rejected' });
  });

  return app;
}
