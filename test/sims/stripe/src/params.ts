import { z } from 'zod';
import { StripeApiError } from './errors.ts';
import type { FormObject } from './form.ts';

/** Form values are strings: these read them as Stripe does. */
export const intParam = (min = -99_999_999, max = 99_999_999) =>
  z
    .string()
    .regex(/^-?\d+$/, 'parameter_invalid_integer')
    .transform(Number)
    .pipe(
      z.number().int().min(min, 'parameter_invalid_integer').max(max, 'parameter_invalid_integer'),
    );
export const boolParam = z
  .enum(['true', 'false'], { message: 'parameter_invalid_boolean' })
  .transform((v) => v === 'true');
export const idParam = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), 'parameter_invalid_string');
export const stringParam = (max = 5000) => z.string().max(max, 'parameter_invalid_string_too_long');
export const currencyParam = z
  .string()
  .regex(/^[a-zA-Z]{3}$/, 'invalid_currency')
  .transform((c) => c.toLowerCase());
/** Stripe's limits: 50 keys of up to 40 characters, values up to 500; '' unsets a key. */
export const metadataParam = z
  .record(
    z.string().max(40, 'parameter_invalid_string'),
    z.string().max(500, 'parameter_invalid_string'),
  )
  .refine((m) => Object.keys(m).length <= 50, 'parameter_invalid_metadata')
  .or(z.literal('').transform(() => ({}) as Record<string, string>));
export const expandParam = z.array(z.string().max(200)).max(20).optional();
export const listParams = {
  limit: intParam(1, 100).optional(),
  starting_after: z.string().max(255).optional(),
  ending_before: z.string().max(255).optional(),
  expand: expandParam,
};

/**
 * Parses parameters with a strict schema and answers as Stripe does: unknown parameters are
 * `parameter_unknown`, missing ones `parameter_missing`, bad values the code in the message.
 * These refusals are not saved as an idempotent result.
 */
export function parseParams<S extends z.ZodType>(schema: S, raw: FormObject): z.infer<S> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const at = (path: PropertyKey[]) =>
    path.map((p, i) => (i === 0 ? String(p) : `[${String(p)}]`)).join('');
  if (issue.code === 'unrecognized_keys') {
    const param = at([...issue.path, issue.keys[0]!]);
    return fail(`Received unknown parameter: ${param}`, 'parameter_unknown', param);
  }
  const param = at(issue.path);
  const value = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );
  if (value === undefined)
    return fail(`Missing required param: ${param}.`, 'parameter_missing', param);
  const code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'parameter_invalid_string';
  return fail(`Invalid value for ${param}: ${JSON.stringify(value)}.`, code, param);
}

function fail(message: string, code: string, param: string): never {
  throw new StripeApiError(400, 'invalid_request_error', message, { code, param }, false);
}
