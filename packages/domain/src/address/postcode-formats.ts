/**
 * Postcode formats per country (R-CHK-2, R-PEN-2). Each format has a compact shape (upper
 * case, no spaces or hyphens) that says how buyers type it, a `format` that rebuilds the
 * canonical spelling, and a strict canonical pattern that decides validity.
 */
interface PostcodeFormat {
  compact: RegExp;
  canonical: RegExp;
  format: (compact: string) => string;
  /** A canonical example for hold messages. */
  example: string;
  /** Whether the format is digits only: digit-length slips are typos, not another country. */
  numeric: boolean;
}

const same = (s: string) => s;
const splitAt =
  (at: number, sep: string) =>
  (s: string): string =>
    `${s.slice(0, at)}${sep}${s.slice(at)}`;
const digits = (n: number, example: string, canonical?: RegExp): PostcodeFormat => ({
  compact: new RegExp(`^\\d{${n}}$`),
  canonical: canonical ?? new RegExp(`^\\d{${n}}$`),
  format: same,
  example,
  numeric: true,
});

const FORMATS: Readonly<Record<string, readonly PostcodeFormat[]>> = {
  US: [
    digits(5, '90210'),
    {
      compact: /^\d{9}$/,
      canonical: /^\d{5}-\d{4}$/,
      format: splitAt(5, '-'),
      example: '90210-1234',
      numeric: false,
    },
  ],
  PR: [digits(5, '00901', /^00[679]\d{2}$/)],
  GB: [
    {
      compact: /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/,
      canonical: /^(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}|GIR 0AA)$/,
      format: (s) => splitAt(s.length - 3, ' ')(s),
      example: 'SW1A 1AA',
      numeric: false,
    },
  ],
  CA: [
    {
      compact: /^[A-Z]\d[A-Z]\d[A-Z]\d$/,
      canonical: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/,
      format: splitAt(3, ' '),
      example: 'M5V 2T6',
      numeric: false,
    },
  ],
  IE: [
    {
      compact: /^[A-Z\d]{3}[A-Z\d]{4}$/,
      canonical: /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [AC-FHKNPRTV-Y\d]{4}$/,
      format: splitAt(3, ' '),
      example: 'D02 X285',
      numeric: false,
    },
  ],
  NL: [
    {
      compact: /^\d{4}[A-Z]{2}$/,
      canonical: /^[1-9]\d{3} (?!SA|SD|SS)[A-Z]{2}$/,
      format: splitAt(4, ' '),
      example: '1012 AB',
      numeric: false,
    },
  ],
  JP: [
    {
      compact: /^\d{7}$/,
      canonical: /^\d{3}-\d{4}$/,
      format: splitAt(3, '-'),
      example: '100-0001',
      numeric: false,
    },
  ],
  BR: [
    {
      compact: /^\d{8}$/,
      canonical: /^\d{5}-\d{3}$/,
      format: splitAt(5, '-'),
      example: '01310-100',
      numeric: false,
    },
  ],
  MX: [digits(5, '06700')],
  DE: [digits(5, '10115', /^(?!00)\d{5}$/)],
  FR: [digits(5, '75008', /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/)],
  IT: [digits(5, '00184')],
  ES: [digits(5, '28013', /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/)],
  SG: [digits(6, '018956')],
  MY: [digits(5, '50450', /^(?!00)\d{5}$/)],
  TH: [digits(5, '10330', /^[1-9]\d{4}$/)],
  // Vietnam moved to 5-digit codes in 2017; the old 6-digit ones are still printed widely.
  VN: [digits(5, '10000'), digits(6, '100000')],
  PH: [digits(4, '1226')],
  ID: [digits(5, '10310', /^[1-9]\d{4}$/)],
};

/** Countries where addresses have no postcode, or where it is optional in practice. */
const POSTCODE_OPTIONAL = new Set(['IE']);

const COMPACT_NOISE = /[\s\-–‐〒.]/g;

const ASCII_LOWER = /[a-z]+/g;

/** Postcodes are ASCII everywhere; Unicode case mapping ("ß" → "SS") must not touch the rest. */
function upperAscii(raw: string): string {
  return raw.replace(ASCII_LOWER, (s) => s.toUpperCase());
}

function compactOf(raw: string): string {
  return upperAscii(raw).replace(COMPACT_NOISE, '');
}

/** Whether the platform knows the postcode format of `country`. */
export function knowsPostcodeFormat(country: string): boolean {
  return FORMATS[country] !== undefined;
}

/**
 * Whether a postcode is required for `country`. Ireland's Eircode (2015) is still missing on
 * many genuine addresses and An Post delivers without it, so it is optional there; an
 * Eircode that is present must still be valid.
 */
export function requiresPostcode(country: string): boolean {
  return FORMATS[country] !== undefined && !POSTCODE_OPTIONAL.has(country);
}

/**
 * Upper-cases a postcode and rebuilds the country's canonical spacing when the typed shape is
 * recognisable: UK "sw1a1aa" → "SW1A 1AA", CA "m5v2t6" → "M5V 2T6", JP "1000001" → "100-0001".
 * Unrecognised shapes only have their ASCII letters upper-cased, so no character is lost.
 */
export function normalizePostcode(raw: string, country: string): string {
  const formats = FORMATS[country];
  if (formats !== undefined) {
    const compact = compactOf(raw);
    for (const f of formats) if (f.compact.test(compact)) return f.format(compact);
  }
  return upperAscii(raw);
}

/** Whether an already-normalized postcode is valid for `country` (true for unknown ones). */
export function isPostcodeValid(postcode: string, country: string): boolean {
  const formats = FORMATS[country];
  return formats === undefined || formats.some((f) => f.canonical.test(postcode));
}

/** A canonical example postcode for hold messages. */
export function postcodeExample(country: string): string {
  return FORMATS[country]?.[0]?.example ?? '';
}

const COUNTRIES = Object.keys(FORMATS);
const DIGITS_AND_HYPHENS = /^[\d-]+$/;
/** PR uses US ZIPs: one postal system, never a mismatch between the two. */
const US_AND_PR = new Set(['US', 'PR']);

/**
 * Other countries whose format the postcode clearly matches (R-PEN-2: a Canadian postcode on
 * a US order). Against a digits-only destination a digits-only code is never counted (a
 * missing digit is a typo far more often than a foreign postcode), and a hyphenated foreign
 * format counts only when typed with its hyphen ("100-0001", "01310-100").
 */
export function findForeignPostcodeCountries(raw: string, country: string): string[] {
  const own = FORMATS[country];
  if (own === undefined) return [];
  // JP / BR / US codes are typed as digits even where a hyphen is canonical.
  const ownNumeric = own.every((f) => DIGITS_AND_HYPHENS.test(f.example));
  const typed = upperAscii(raw.trim());
  const found: string[] = [];
  for (const other of COUNTRIES) {
    if (other === country || (US_AND_PR.has(other) && US_AND_PR.has(country))) continue;
    const normalized = normalizePostcode(raw, other);
    for (const f of FORMATS[other] as readonly PostcodeFormat[]) {
      const digitish = DIGITS_AND_HYPHENS.test(f.example);
      if (ownNumeric && digitish && (f.numeric || !f.canonical.test(typed))) continue;
      // Four-digit codes are shared by too many countries (AU, PH, CH, AT…) to point anywhere.
      if (f.numeric && f.example.length < 5) continue;
      if (!f.canonical.test(normalized)) continue;
      found.push(other);
      break;
    }
  }
  return found;
}
