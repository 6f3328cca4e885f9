import { normalizeCountryCode } from '../carriers/registry.ts';

/**
 * Country cells arrive as ISO codes ("US"), English names ("United States") or, in the
 * Chinese seller center, Chinese names ("美国"). The names come from ICU through
 * Intl.DisplayNames, so every ISO 3166 region is known without a hand-kept list.
 */

/** Codes ICU names that are not countries an order can ship to. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

/** Spellings sellers and exports use that ICU's display names do not cover. */
const EXTRA_NAMES: Record<string, string> = {
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  'south korea': 'KR',
  korea: 'KR',
  'viet nam': 'VN',
  'hong kong': 'HK',
  macau: 'MO',
  'czech republic': 'CZ',
  turkey: 'TR',
  中国大陆: 'CN',
};

let byName: Map<string, string> | undefined;

function nameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Built on first use: 676 candidate codes × 2 languages, once per process. */
function names(): Map<string, string> {
  if (byName) return byName;
  const map = new Map<string, string>();
  const displays = [
    new Intl.DisplayNames(['en'], { type: 'region' }),
    new Intl.DisplayNames(['zh-Hans'], { type: 'region' }),
  ];
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26 * 26; i++) {
    const code = String.fromCharCode(A + Math.floor(i / 26), A + (i % 26));
    if (NOT_COUNTRIES.has(code)) continue;
    // Deprecated codes (UK, BU, ZR …) share names with current ones; let the current win.
    if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
    for (const display of displays) {
      const name = display.of(code);
      // ICU echoes the code back (or says "Unknown Region") for unassigned codes.
      if (!name || name === code || name === 'Unknown Region') continue;
      map.set(code.toLowerCase(), code);
      map.set(nameKey(name), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) map.set(nameKey(name), code);
  byName = map;
  return map;
}

/** ISO 3166-1 alpha-2 code for a code or a name, or null when the country is not known. */
export function toCountryCode(cell: string): string | null {
  if (!cell.trim()) return null;
  const code = normalizeCountryCode(cell);
  return names().get(nameKey(code)) ?? names().get(nameKey(cell)) ?? null;
}

/**
 * Currency a marketplace bills in for each country TikTok Shop sells in (plus neighbours
 * cross-border sellers ship to); used only when the export has no Currency column.
 */
// biome-ignore format: a table
const CURRENCY_BY_COUNTRY: Record<string, string> = {
  US: 'USD', PR: 'USD', GB: 'GBP', IE: 'EUR', DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR',
  NL: 'EUR', BE: 'EUR', AT: 'EUR', MX: 'MXN', BR: 'BRL', CA: 'CAD', JP: 'JPY', ID: 'IDR',
  MY: 'MYR', PH: 'PHP', SG: 'SGD', TH: 'THB', VN: 'VND', AU: 'AUD', PL: 'PLN', SE: 'SEK',
};

export function defaultCurrency(country: string): string | null {
  return CURRENCY_BY_COUNTRY[country] ?? null;
}
