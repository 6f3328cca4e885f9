import { seededRng } from '@switchyard/domain/testing';

/** Seeded draws for the simulator: same seed, same shops, orders and fault decisions. */
export class Rng {
  /** The next number in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRng(seed);
  }

  int(minIncl: number, maxIncl: number): number {
    return minIncl + Math.floor(this.next() * (maxIncl - minIncl + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from empty list');
    return item;
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** TikTok ids are 64-bit numbers rendered as strings; a fixed prefix keeps them 18-19 digits. */
  numericId(prefix: string, length = 19): string {
    return prefix + this.digits(length - prefix.length);
  }

  token(len: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }
}
