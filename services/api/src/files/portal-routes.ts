import { isStorableText } from '@switchyard/domain';
import { CsvFileError } from '@switchyard/domain/csv';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from '../deps.ts';
import { requireFileType } from '../edge/file-type.ts';
import type { Edge } from '../edge/rate-limits.ts';
import { AppError } from '../errors.ts';
import { storableInput } from '../storable-input.ts';
import { identifyCaller } from '../tenant-auth.ts';
import { uploadSkuMappings } from './sku-mapping-upload.ts';
import { uploadAnswers, uploadStock } from './supplier-uploads.ts';

type Role = 'tenant' | 'supplier';
type SessionEnv = { Variables: { ownerId: string } };

const FILE_NAME = /^[^/\\]{1,255}$/;

/**
 * A portal session of `role` and of no other: each role posts only its own files. `ownerId`
 * is the tenant's or the supplier's id, whose database scope the upload then runs in.
 */
function roleSession(deps: ApiDeps, edge: Edge, role: Role) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    const caller = await identifyCaller(deps, edge, c.req.raw);
    const ownerId = role === 'tenant' ? caller.tenantId : caller.supplierId;
    if (!ownerId) {
      if (caller.tenantId || caller.supplierId || caller.operatorId)
        throw new AppError('FORBIDDEN_ROLE', `these files are uploaded by a ${role}`);
      throw new AppError('UNAUTHORIZED', `a ${role}'s portal session is required`);
    }
    c.set('ownerId', ownerId);
    await next();
  });
}

/** The file as UTF-8 text, for the parsers that read text. */
function textOf(content: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new CsvFileError('CSV_NOT_TEXT', 'the file is not UTF-8 text; save it as CSV UTF-8');
  }
}

/** The file as bytes; an empty body is refused as the file routes refuse an empty file. */
async function fileOf(c: Context): Promise<Uint8Array> {
  const content = new Uint8Array(await c.req.arrayBuffer());
  if (content.byteLength === 0) throw new AppError('CSV_EMPTY', 'the request has no body');
  return content;
}

/**
 * Portal file uploads of sellers and suppliers (issue 12): the file is the request's body, sent with the
 * session cookie and its CSRF token (checked where this is mounted, with the partner file
 * route's size limit), past tRPC's JSON body limit. The work is the same functions as the
 * tRPC procedures and the partner API, so the reports and refusals are the same too.
 */
export function portalFileRoutes(deps: ApiDeps, edge: Edge) {
  const app = new Hono<SessionEnv>();
  const checks = [storableInput({ json: false }), requireFileType()] as const;
  app.use('/supplier/*', roleSession(deps, edge, 'supplier'), ...checks);
  app.use('/sku-mappings', roleSession(deps, edge, 'tenant'), ...checks);

  // R-CHK-1: the seller's mapping file; good rows saved, each refused row by its line.
  app.post('/sku-mappings', async (c) =>
    c.json(await uploadSkuMappings(deps, c.get('ownerId'), textOf(await fileOf(c)))),
  );

  // R-RT-2: an answer file; a file refused as a whole is 422 with its report, nothing applied.
  app.post('/supplier/answers', async (c) => {
    const name = c.req.query('name') ?? 'upload.csv';
    if (!FILE_NAME.test(name) || !isStorableText(name))
      throw new AppError('BAD_REQUEST', 'name is 1–255 characters without / or \\');
    const report = await uploadAnswers(deps, c.get('ownerId'), name, await fileOf(c));
    return c.json(report, report.error ? 422 : 200);
  });

  // R-RT-1 data: stock and cost; good rows applied, each refused row by its line.
  app.post('/supplier/stock', async (c) =>
    c.json(await uploadStock(deps, c.get('ownerId'), textOf(await fileOf(c)))),
  );
  return app;
}
