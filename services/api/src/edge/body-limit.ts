import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';

/**
 * Refuses a body over `maxSize` bytes with 413 PAYLOAD_TOO_LARGE. A body that declares its
 * length is judged by the header and left to the handler to read. Only one sent without a
 * length (chunked) goes through hono's bodyLimit, which counts it as it streams.
 *
 * Why not hono's bodyLimit for all: it reads `c.req.raw.body`, which makes @hono/node-server
 * build a full web Request with a web stream over the socket instead of reading the body
 * straight from it; for a small webhook that costs about as much CPU as everything else the
 * request does.
 */
export function limitBody(maxSize: number) {
  const refuse = (): never => {
    throw new AppError('PAYLOAD_TOO_LARGE', `body exceeds ${maxSize} bytes`);
  };
  const counted = bodyLimit({ maxSize, onError: refuse });
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined)
      return counted(c, next);
    if (Number.parseInt(declared, 10) > maxSize) refuse();
    await next();
  });
}
