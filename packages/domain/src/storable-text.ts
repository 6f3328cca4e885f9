/**
 * Text PostgreSQL can store. It refuses U+0000 in `text` and `jsonb`, and an unpaired UTF-16
 * surrogate (`"\ud800"` in JSON) in `jsonb`; in `text` the driver silently turns one into U+FFFD.
 * Every edge refuses such input with this one rule, before it reaches the database.
 */

// With the `u` flag a well-formed pair is one code point, so only a lone half matches \p{Cs}.
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** True when PostgreSQL can store `s` exactly as given. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !UNPAIRED_SURROGATE.test(s);
}

/** `s` with each character PostgreSQL cannot store replaced by U+FFFD; for echoing text back. */
export function toStorableText(s: string): string {
  return s.replaceAll('\u0000', '\ufffd').replace(/\p{Cs}/gu, '\ufffd');
}

/** A step from the root to a value; the path is spelled out only for the one reported. */
type Step = { parent: Step; key: string | number } | undefined;

/** The path to `step`; past 32 levels only the innermost are named, after an ellipsis. */
function spell(step: Step): string {
  let path = '';
  let s = step;
  for (let depth = 0; s && depth < 32; s = s.parent, depth++)
    path = typeof s.key === 'number' ? `[${s.key}]${path}` : `.${toStorableText(s.key)}${path}`;
  if (s) return `…${path}`;
  return path.startsWith('.') ? path.slice(1) : path;
}

/**
 * Where, in a parsed JSON value, a string or key PostgreSQL cannot store is, as a path
 * (`data.items[2].name`; `''` for the value itself); undefined when there is none. Iterative,
 * so a deeply nested value cannot exhaust the stack.
 *
 * @example
 * findUnstorableText({ data: { note: 'a\u0000b' } }); // 'data.note'
 */
export function findUnstorableText(value: unknown): string | undefined {
  const stack: Array<[unknown, Step]> = [[value, undefined]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, at] = next;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return spell(at);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], { parent: at, key: i }]);
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        const step = { parent: at, key };
        if (!isStorableText(key)) return spell(step);
        stack.push([child, step]);
      }
    }
  }
  return undefined;
}
