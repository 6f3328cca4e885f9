import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';
import type { EdgePolicy } from './policy.ts';

/** How many procedure calls one tRPC request carries: `/trpc/a,b,c?batch=1` carries three. */
export function trpcCalls(c: Context): number {
  if (c.req.query('batch') !== '1') return 1;
  const paths = decodeURIComponent(c.req.path.replace(/^\/trpc\//, ''));
  return paths.split(',').length;
}

/**
 * A cap on calls per batch. tRPC's own `maxBatchSize` answers with a bare BAD_REQUEST; this
 * one gives clients a code to act on (split the batch) before any call runs.
 */
export function capTrpcBatch(policy: EdgePolicy) {
  return createMiddleware(async (c, next) => {
    const calls = trpcCalls(c);
    if (calls > policy.trpcMaxBatch)
      throw new AppError(
        'BATCH_TOO_LARGE',
        `a batch holds at most ${policy.trpcMaxBatch} calls; this one has ${calls}`,
        { maxCalls: policy.trpcMaxBatch, calls },
      );
    await next();
  });
}

/**
 * A cap on the size of an answer, read as it is produced and refused past the cap: with the
 * batch cap it bounds what one request can make the server serialize and send.
 */
export function capTrpcResponse(policy: EdgePolicy) {
  const max = policy.trpcMaxResponseBytes;
  return createMiddleware(async (c, next) => {
    await next();
    const reader = c.res.body?.getReader();
    if (!reader) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      size += r.value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new AppError(
          'RESPONSE_TOO_LARGE',
          `the answer would exceed ${max} bytes; ask for fewer items or fewer calls per batch`,
          { maxBytes: max },
        );
      }
      chunks.push(r.value);
    }
    c.res = new Response(Buffer.concat(chunks), c.res);
  });
}

/** An AppError raised at the edge in the envelope tRPC clients parse (see trpc.ts). */
export function trpcErrorBody(err: AppError) {
  return {
    error: {
      message: err.message,
      code: TRPC_ERROR_CODES_BY_KEY[err.trpcCode],
      data: { code: err.trpcCode, httpStatus: err.httpStatus, appCode: err.code },
    },
  };
}
