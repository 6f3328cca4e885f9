import { StripeApiError } from './errors.ts';

/** A decoded form or query: strings, nested by `a[b][c]`, arrays by `a[0]`. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const refuse = (message: string, param?: string) =>
  new StripeApiError(
    400,
    'invalid_request_error',
    message,
    param ? { code: 'parameter_invalid_string', param } : {},
    false,
  );

/**
 * Decodes `application/x-www-form-urlencoded` the way Stripe reads it: `metadata[k]=v` is a
 * nested object, `expand[0]=x` an array (the SDK indexes arrays). Refuses NUL characters and
 * keys that conflict (`a=1&a[b]=2`).
 */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  if (text === '') return root;
  for (const [rawKey, value] of new URLSearchParams(text)) {
    if (rawKey.includes('\u0000') || value.includes('\u0000'))
      throw refuse('Parameters may not contain NUL characters.', rawKey.split('\u0000').join(''));
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!m) throw refuse(`Invalid parameter name: ${rawKey}`, rawKey);
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    assign(root, path, value, rawKey);
  }
  return compactArrays(root) as FormObject;
}

function assign(target: FormObject, path: string[], value: string, rawKey: string): void {
  let node: FormObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    // `a[]` appends, as Stripe accepts for arrays.
    const key = path[i]! === '' ? String(Object.keys(node).length) : path[i]!;
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (typeof next === 'string') throw refuse(`Invalid parameter: ${rawKey}`, rawKey);
    node = node[key] as FormObject;
  }
  const last = path[path.length - 1]!;
  const key = last === '' ? String(Object.keys(node).length) : last;
  if (node[key] !== undefined) throw refuse(`Duplicate parameter: ${rawKey}`, rawKey);
  node[key] = value;
}

/** Objects whose keys are 0..n-1 become arrays. */
function compactArrays(v: FormValue): FormValue {
  if (typeof v === 'string' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  const entries = keys.map((k) => [k, compactArrays(v[k]!)] as const);
  const indexed = keys.length > 0 && keys.every((k, i) => k === String(i));
  return indexed ? entries.map(([, x]) => x) : Object.fromEntries(entries);
}

/** A stable text of parameters, for comparing an idempotent retry with the first request. */
export function canonicalParams(v: FormValue): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalParams).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalParams(v[k]!)}`).join(',')}}`;
}
