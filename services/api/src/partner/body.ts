import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/** The request's JSON body checked against `schema`; 400 BAD_REQUEST naming the fields if not. */
export async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const json = await c.req.json().catch(() => {
    throw new AppError('BAD_REQUEST', 'body must be JSON');
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new AppError('BAD_REQUEST', 'invalid body', z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}
