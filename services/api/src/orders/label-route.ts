import { decrypt } from '@switchyard/auth';
import { getOrderLabelDocument, withTenant } from '@switchyard/db';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';
import { type TenantEnv, tenantAuth } from '../tenant-auth.ts';

/**
 * `GET /v1/orders/:id/label`: the TikTok Shipping label document of one of the tenant's orders
 * (R-CHK-3), for the seller to print or check. RLS scopes it: another tenant's order, or one
 * without a label or whose buyer data was erased (R-ONB-3), answers LABEL_NOT_FOUND alike.
 */
export function orderLabelRoute(deps: ApiDeps, edge: Edge) {
  const app = new Hono<TenantEnv>().use('*', tenantAuth(deps, edge));
  app.get('/orders/:id/label', async (c) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    if (!id.success) throw new AppError('BAD_REQUEST', 'the order id must be a uuid');
    const label = await withTenant(deps.db, c.get('tenantId'), (trx) =>
      getOrderLabelDocument(trx, id.data),
    );
    if (!label?.document_enc) throw new AppError('LABEL_NOT_FOUND', 'this order has no label');
    const bytes = Buffer.from(decrypt(deps.keyring, label.document_enc), 'base64');
    // Only a PDF is shown inline; anything else is a download, never rendered on our origin.
    const pdf = label.document_type === 'application/pdf';
    return c.body(bytes, 200, {
      'content-type': pdf ? 'application/pdf' : 'application/octet-stream',
      'content-disposition': `${pdf ? 'inline' : 'attachment'}; filename="label-${label.package_id}.${pdf ? 'pdf' : 'bin'}"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });
  return app;
}
