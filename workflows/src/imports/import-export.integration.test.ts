import { randomUUID } from 'node:crypto';
import { generateKeySpec, parseKeyring } from '@switchyard/auth';
import { createTenant, withTenant } from '@switchyard/db';
import { seedShop } from '@switchyard/db/testing';
import { CsvFileError } from '@switchyard/domain/csv';
import { generateOrderExport } from '@switchyard/domain/testing';
import type { Client } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDbAndTemporal } from '../../../test/harness/db-and-temporal.ts';
import { type ImportOrderDeps, importOrderExport } from './import-export.ts';
import { importStarterWorkflowId } from './messages.ts';

async function* chunks(text: string, size = 4096): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/**
 * The CSV import against real PostgreSQL (RLS) and a real Temporal server, on a task queue no
 * worker polls: a bad file is a typed refusal that writes and starts nothing; a good one is
 * stored once and its starter started, whatever the number of uploads.
 */
describe('importOrderExport', () => {
  const t = useDbAndTemporal('imports');
  const { started } = t;
  let deps: ImportOrderDeps & { temporal: Client };
  let tenantId: string;
  let shopId: string;

  const counts = async () => ({
    imports: (await t.env.admin.selectFrom('csv_imports').select('id').execute()).length,
    imported: (
      await t.env.admin.selectFrom('imported_orders').select('platform_order_id').execute()
    ).length,
  });
  const run = (body: AsyncIterable<Uint8Array>) =>
    importOrderExport(deps, { tenantId, shopId, filename: 'export.csv', body });

  beforeAll(async () => {
    deps = {
      db: t.env.db,
      keyring: parseKeyring(generateKeySpec('k1')),
      temporal: t.temporal,
      taskQueue: t.taskQueue,
    };
    tenantId = await createTenant(t.env.db, 'A');
    shopId = await withTenant(t.env.db, tenantId, (trx) =>
      seedShop(trx, tenantId, `s-${randomUUID()}`),
    );
  });

  it("refuses a file-level problem with the parser's code, message and details, writing nothing", async () => {
    const header = generateOrderExport({ orders: 1 }).csv.split('\r\n')[0]!;
    for (const [file, code] of [
      ['', 'CSV_EMPTY'],
      [`${header}\r\n`, 'CSV_EMPTY'],
      ['Order ID,Quantity\r\n1,2\r\n', 'CSV_COLUMNS_MISSING'],
    ] as const) {
      const err = await run(chunks(file)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CsvFileError);
      expect(err).toMatchObject({ code, message: expect.any(String), details: expect.any(Object) });
    }
    expect(await counts()).toEqual({ imports: 0, imported: 0 });
  });

  it("lets an error of the body itself (the edge's limit) through unchanged, writing nothing", async () => {
    const limit = new Error('too large');
    async function* cut() {
      yield* chunks(generateOrderExport({ orders: 5 }).csv.slice(0, 600));
      throw limit;
    }
    await expect(run(cut())).rejects.toBe(limit);
    expect(await counts()).toEqual({ imports: 0, imported: 0 });
  });

  it('stores the good orders once, reports the bad ones and starts the import starter', async () => {
    const { csv, expected } = generateOrderExport({ orders: 40, badEvery: 9, seed: 5 });
    const first = await run(chunks(csv));
    started.push(importStarterWorkflowId(first.importId));
    expect(first).toMatchObject({
      duplicate: false,
      accepted: expected.accepted.length,
      rejected: expected.rejected.length,
    });
    expect(await counts()).toEqual({ imports: 1, imported: expected.accepted.length });
    const starter = await deps.temporal.workflow
      .getHandle(importStarterWorkflowId(first.importId))
      .describe();
    expect(starter).toMatchObject({ type: 'csvImportStarter', taskQueue: deps.taskQueue });

    // The same bytes again, cut differently: the same import, nothing new.
    const again = await run(chunks(csv, 777));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await counts()).toEqual({ imports: 1, imported: expected.accepted.length });
  });
});
