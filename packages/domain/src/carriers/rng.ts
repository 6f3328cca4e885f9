/** Small helpers for the tracking-number generators; `rng` returns numbers in [0, 1). */

/** Random source in [0, 1), as `Math.random` or a seeded generator in tests. */
export type Rng = () => number;

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const ALNUM = `0123456789${UPPER}`;

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length) % items.length] as T;
}

export function randomChars(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng() * alphabet.length) % alphabet.length];
  return s;
}

export const digits = (rng: Rng, n: number) => randomChars(rng, '0123456789', n);
