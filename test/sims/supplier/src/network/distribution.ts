import { z } from 'zod';
import type { Rng } from '../tracking.ts';

/**
 * A delay a supplier takes, in simulated milliseconds: always the same, anywhere in a range, or
 * mostly short with a long tail (exponential, as queueing at a warehouse desk looks), capped.
 */
export const distributionSchema = z.union([
  z.object({ fixed: z.number().min(0) }).strict(),
  z.object({ uniform: z.tuple([z.number().min(0), z.number().min(0)]) }).strict(),
  z.object({ exponential: z.number().positive(), max: z.number().positive().optional() }).strict(),
]);

export type Distribution = z.infer<typeof distributionSchema>;

/** One draw from `d`; consumes exactly one number of `rng`, so draw order stays reproducible. */
export function draw(d: Distribution, rng: Rng): number {
  const u = rng();
  if ('fixed' in d) return d.fixed;
  if ('uniform' in d) {
    const [lo, hi] = d.uniform[0] <= d.uniform[1] ? d.uniform : [d.uniform[1], d.uniform[0]];
    return lo + u * (hi - lo);
  }
  const x = -Math.log(1 - u) * d.exponential;
  return d.max === undefined ? x : Math.min(x, d.max);
}

/**
 * A seed for one decision: the network's seed, the supplier and the order, hashed (FNV-1a),
 * so a supplier decides the same for an order whatever else arrives first or in parallel.
 */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
