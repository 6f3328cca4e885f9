import { getShop, listShippedForExport, withTenant } from '@switchyard/db';
import { formatBulkShippingCsv } from '@switchyard/domain/csv';
import { importOrderExport } from '@switchyard/workflows';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { requireFileType } from '../edge/file-type.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';
import { storableInput } from '../storable-input.ts';
import { type TenantEnv, tenantAuth } from '../tenant-auth.ts';

const MAX_CSV_BYTES = 100 * 1024 * 1024;
const tooLarge = () =>
  new AppError(
    'CSV_TOO_LARGE',
    `files are limited to ${MAX_CSV_BYTES / 1024 / 1024} MiB; split the export`,
  );

/**
 * The upload as it arrives, refused past the limit. Streamed rather than buffered, so a file
 * is parsed while it is still arriving and a bad one is refused on its first rows. The stream
 * is never cancelled: cancelling it would reset the connection before the refusal is sent
 * (edge/unread-body.ts settles what is left).
 */
async function* limited(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body.values({ preventCancel: true })) {
    size += chunk.byteLength;
    if (size > MAX_CSV_BYTES) throw tooLarge();
    yield chunk;
  }
}

const shopQuery = z.object({ shop_id: z.uuid(), filename: z.string().max(200).optional() });

/**
 * Tenant file exchange (R-IN-3, R-TRK-3): upload the seller center's order export as CSV;
 * download shipped orders in the marketplace's bulk-shipping template.
 */
export function importRoutes(deps: ApiDeps, edge: Edge) {
  const app = new Hono<TenantEnv>().use(
    '*',
    tenantAuth(deps, edge),
    storableInput({ json: false }),
    requireFileType(),
  );

  async function ownShop(tenantId: string, query: Record<string, string>) {
    const q = shopQuery.safeParse(query);
    if (!q.success)
      throw new AppError(
        'BAD_REQUEST',
        'shop_id must be a uuid',
        z.flattenError(q.error).fieldErrors,
      );
    const shop = await withTenant(deps.db, tenantId, (trx) => getShop(trx, q.data.shop_id));
    if (!shop) throw new AppError('SHOP_NOT_FOUND', 'no such shop for this tenant');
    return { shop, filename: q.data.filename ?? 'orders.csv' };
  }

  app.post('/imports/orders', async (c) => {
    // A declared size past the limit is refused before anything else is looked at.
    if (Number(c.req.header('content-length')) > MAX_CSV_BYTES) throw tooLarge();
    const tenantId = c.get('tenantId');
    const { shop, filename } = await ownShop(tenantId, c.req.query());
    const body = c.req.raw.body;
    if (!body) throw new AppError('CSV_EMPTY', 'the request has no body');
    const report = await importOrderExport(deps, {
      tenantId,
      shopId: shop.id,
      filename,
      body: limited(body),
    });
    return c.json(report, report.duplicate ? 200 : 201);
  });

  app.get('/exports/shipping.csv', async (c) => {
    const tenantId = c.get('tenantId');
    const { shop } = await ownShop(tenantId, c.req.query());
    const shipped = await withTenant(deps.db, tenantId, (trx) =>
      listShippedForExport(trx, shop.id),
    );
    const csv = formatBulkShippingCsv(
      shipped.map((o) => ({
        orderId: o.platform_order_id,
        carrierCode: o.carrier ?? '',
        trackingNumber: o.tracking_number,
      })),
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="shipping.csv"',
    });
  });

  return app;
}
