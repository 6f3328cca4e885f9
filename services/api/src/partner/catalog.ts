import { applyStockFeed, knownItemCodes, withSupplier } from '@switchyard/db';
import { checkStockFeed } from '@switchyard/domain';
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.ts';
import type { PartnerEnv } from './auth.ts';
import { parseBody } from './body.ts';
import { stockFeedBody } from './contract.ts';

/**
 * A supplier's own catalog (R-RT-1 data): `POST /catalog/stock` sets stock, and cost where
 * given, for many items at once. Rows are checked one by one; the good ones are applied in
 * one transaction and the bad ones come back with their position and a stable code. Writes
 * run in the supplier's scope, so a key can only ever change its own supplier's catalog.
 */
export function catalogRoutes(deps: ApiDeps) {
  const app = new Hono<PartnerEnv>();
  app.post('/stock', async (c) => {
    const { items } = await parseBody(c, stockFeedBody);
    const supplierId = c.get('supplier').id;
    const report = await withSupplier(deps.db, supplierId, async (trx) => {
      const codes = items.flatMap((r) =>
        typeof r.sku_code === 'string' ? [r.sku_code.trim()] : [],
      );
      const checked = checkStockFeed(items, await knownItemCodes(trx, supplierId, codes));
      await applyStockFeed(trx, supplierId, checked.updates);
      return checked;
    });
    return c.json({ applied: report.updates.length, rejected: report.rejected });
  });
  return app;
}
