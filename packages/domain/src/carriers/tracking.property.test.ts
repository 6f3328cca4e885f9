import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng as seeded } from '../testing/rng.ts';
import { generateTrackingNumber } from '../testing/tracking-numbers.ts';
import { computeS10CheckDigit, computeUpsCheckDigit } from './check-digits.ts';
import { findCarrier, listCarriers } from './registry.ts';
import { detectCarriers, normalizeTrackingNumber, validateTrackingNumber } from './tracking.ts';

// Numbers come from a seed fast-check draws, so it can shrink and replay a failing one.
const ALL = listCarriers().map((c) => c.code);
/** Every shape of these carriers carries a check digit. */
const CHECKED = ['USPS', 'FEDEX', 'CHINA_POST', 'CHINA_EMS', 'ROYAL_MAIL', 'YANWEN'];
/** Carriers that also have shapes without one. */
const MIXED = ['UPS', 'DHL_EXPRESS', 'DHL_ECOMMERCE', 'TIKTOK_SHIPPING'];
const UNCHECKED = ALL.filter((c) => !CHECKED.includes(c) && !MIXED.includes(c));

/** Which characters a shape's check digit covers, and which single changes it cannot see. */
function describeCheck(
  n: string,
): { from: number; to: number; blind: (i: number, d: number) => boolean } | null {
  const never = () => false;
  if (/^1Z/.test(n))
    return { from: 2, to: 18, blind: (i, d) => i < 17 && (i - 2) % 2 === 1 && Math.abs(d) === 5 };
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(n)) {
    // 11 - r folds r = 0 and r = 6 onto check digit 5, so a 5 hides some serial changes.
    return { from: 2, to: 11, blind: (i) => n[10] === '5' && i < 10 };
  }
  if (/^96\d{20}$/.test(n)) return { from: 7, to: 22, blind: never };
  if (/^9[1-5]\d{20}$|^\d{20}$|^\d{15}$/.test(n)) return { from: 0, to: n.length, blind: never };
  // mod 11 with 10 → 0 folds two remainders onto check digit 0.
  if (/^\d{12}$/.test(n)) return { from: 0, to: 12, blind: (i) => n[11] === '0' && i < 11 };
  if (/^\d{10,11}$/.test(n))
    return { from: 0, to: n.length, blind: (i, d) => i < n.length - 1 && Math.abs(d) === 7 };
  return null;
}

const carrier = (codes: string[]) => fc.constantFrom(...codes);
const seed = fc.integer();

describe('R-TRK-1 tracking properties', () => {
  it('generated numbers are valid for their carrier and detected as it', () => {
    fc.assert(
      fc.property(carrier(ALL), seed, (code, s) => {
        const n = generateTrackingNumber(code, seeded(s));
        const v = validateTrackingNumber(n, code);
        expect(v.status).toBe('valid');
        expect(detectCarriers(n)).toContain(code);
        if (CHECKED.includes(code)) expect(v.checkDigitVerified).toBe(true);
        if (UNCHECKED.includes(code)) expect(v.checkDigitVerified).toBe(false);
        if (v.checkDigitVerified) expect(describeCheck(v.normalized)).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('any single-digit change of a check-digit number fails, outside the algorithm blind spots', () => {
    fc.assert(
      fc.property(
        carrier([...CHECKED, ...MIXED]),
        seed,
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (code, s, at, shift) => {
          const n = normalizeTrackingNumber(generateTrackingNumber(code, seeded(s)));
          const check = describeCheck(n);
          fc.pre(check !== null && validateTrackingNumber(n, code).checkDigitVerified);
          const positions = [...n].flatMap((ch, i) =>
            i >= check!.from && i < check!.to && /\d/.test(ch) ? [i] : [],
          );
          const i = positions[at % positions.length]!;
          const old = Number(n[i]);
          const next = (old + shift) % 10;
          fc.pre(!check!.blind(i, next - old));
          const mutated = n.slice(0, i) + next + n.slice(i + 1);
          // A change that makes it another shape (USPS 94… into FedEx 96…, whose check digit
          // covers fewer digits) is checked as that shape's number, not as this one's.
          const after = describeCheck(mutated);
          fc.pre(after?.from === check!.from && after?.to === check!.to);
          expect(validateTrackingNumber(mutated, code).status).not.toBe('valid');
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('numbers of carriers without a check digit never report one, even after a change', () => {
    fc.assert(
      fc.property(
        carrier(UNCHECKED),
        seed,
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (code, s, at, shift) => {
          const n = normalizeTrackingNumber(generateTrackingNumber(code, seeded(s)));
          const i = at % n.length;
          const ch = n[i]!;
          const mutated = /\d/.test(ch)
            ? n.slice(0, i) + ((Number(ch) + shift) % 10) + n.slice(i + 1)
            : n;
          expect(validateTrackingNumber(n, code).checkDigitVerified).toBe(false);
          expect(validateTrackingNumber(mutated, code).checkDigitVerified).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never calls a number valid unless its shape matches the claimed carrier', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789AZYTEGBCNUS1 -') }),
        carrier(ALL),
        (raw, code) => {
          const v = validateTrackingNumber(raw, code);
          if (v.status === 'valid') expect(v.matches).toContain(findCarrier(code)!.code);
          if (v.status === 'unknown_format') expect(v.matches).toEqual([]);
          if (v.status !== 'valid') expect(v.checkDigitVerified).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('spacing, dashes and case do not change the verdict', () => {
    fc.assert(
      fc.property(carrier(ALL), seed, fc.nat(), (code, s, at) => {
        const n = generateTrackingNumber(code, seeded(s));
        const i = at % n.length;
        const messy = `${n.slice(0, i).toLowerCase()} - ${n.slice(i)}`;
        expect(validateTrackingNumber(messy, code)).toEqual(validateTrackingNumber(n, code));
        expect(normalizeTrackingNumber(normalizeTrackingNumber(messy))).toBe(
          normalizeTrackingNumber(n),
        );
      }),
    );
  });

  // Numbers an outside corpus found accepted though no carrier issues them (R-TRK-1).
  it('never calls a serial of one repeated digit valid, whatever the prefix and check digit', () => {
    fc.assert(
      fc.property(
        carrier(ALL),
        fc.constantFrom('', '1Z', 'YT', 'RR', 'EE', 'UA', '4PX', 'TBA', 'SF', 'GM', 'LP00', 'JJD'),
        fc.constantFrom('', 'CN', 'US', 'GB', 'YP'),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 8, max: 22 }),
        (code, prefix, suffix, d, len) => {
          const n = `${prefix}${String(d).repeat(len)}${suffix}`;
          expect(validateTrackingNumber(n, code).status).not.toBe('valid');
          expect(detectCarriers(n)).toEqual([]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses S10 numbers whose service indicator the carrier does not issue, even with a correct check digit', () => {
    const serial = fc.stringMatching(/^\d{8}$/).filter((x) => !/^0{8}$/.test(x));
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['CN', ['CHINA_POST', 'CHINA_EMS', 'YANWEN'], 'CLRUVE'],
          ['US', ['USPS'], 'CELRV'],
          ['YP', ['YANWEN'], 'U'],
        ),
        fc.constantFrom(...'ABDFGHIJKMNOPQSTWXYZ'),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        serial,
        ([country, codes, issued], first, second, digits) => {
          fc.pre(!issued.includes(first));
          const n = `${first}${second}${digits}${computeS10CheckDigit(digits)}${country}`;
          for (const code of codes)
            expect(validateTrackingNumber(n, code).status).not.toBe('valid');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a UPS 1Z number with a letter in its package reference, even with a correct check digit', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 8, max: 14 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        (s, at, letter) => {
          const n = generateTrackingNumber('UPS', seeded(s), { format: 'UPS_1Z' });
          const payload = `${n.slice(2, 2 + at)}${letter}${n.slice(3 + at, 17)}`;
          const forged = `1Z${payload}${computeUpsCheckDigit(payload)}`;
          expect(validateTrackingNumber(forged, 'UPS').status).toBe('invalid_format');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
