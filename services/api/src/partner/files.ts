import { isStorableText } from '@switchyard/domain';
import { MAX_ANSWER_BYTES } from '@switchyard/domain/csv';
import { processSupplierFile } from '@switchyard/workflows';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';
import { storableInput } from '../storable-input.ts';
import { type PartnerEnv, partnerAuth } from './auth.ts';
import type { fileReport } from './files-contract.ts';
import { idempotency } from './idempotency.ts';

const FILE_NAME = /^[^/\\]{1,255}$/;

/**
 * `POST /partner/v1/files` (R-RT-2): a supplier uploads an answer file (CSV: dispatch_id,
 * action, expected_ship_at, carrier, tracking_number, reason) as the request body, with its
 * name in `?name=`. Each row goes through the same path as the API's own messages; the answer
 * is the file's report. The same file again answers with its first report, applying nothing;
 * a file that cannot be read applies nothing and says why. Mounted ahead of the JSON routes:
 * its body is CSV, never parsed as JSON.
 */
export function fileRoutes(deps: ApiDeps, edge: Edge) {
  const app = new Hono<PartnerEnv>();
  app.use('*', partnerAuth(deps, edge), idempotency(deps), storableInput({ json: false }));
  app.post('/', async (c) => {
    const name = c.req.query('name') ?? 'upload.csv';
    if (!FILE_NAME.test(name) || !isStorableText(name))
      throw new AppError('BAD_REQUEST', 'name is 1–255 characters without / or \\');
    const content = new Uint8Array(await c.req.arrayBuffer());
    if (content.byteLength > MAX_ANSWER_BYTES)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `an answer file holds at most ${MAX_ANSWER_BYTES} bytes`,
      );
    const report = await processSupplierFile(deps, {
      supplierId: c.get('supplier').id,
      source: 'upload',
      fileName: name,
      content,
    });
    // A file refused as a whole is the client's mistake: 422 with the report, nothing applied.
    const body: z.infer<typeof fileReport> = {
      file: report.fileName,
      sha256: report.sha256,
      repeat: report.repeat,
      status: report.status,
      ...(report.fileError && { error: report.fileError }),
      rows: report.rows,
      applied: report.applied,
      refused: report.refused,
      results: report.results.map((r) => ({
        row: r.row,
        dispatch_id: r.dispatchId,
        outcome: r.outcome,
        ...(r.code && { code: r.code }),
        ...(r.message && { message: r.message }),
      })),
    };
    return c.json(body, report.fileError ? 422 : 200);
  });
  return app;
}
