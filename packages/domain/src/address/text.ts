/**
 * Character-level cleaning shared by every address field (R-CHK-4). Each step is a pure
 * string → string function so the caller can record exactly which step changed what.
 */

/** Named entities seen in marketplace exports; anything else is left as typed. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  AMP: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  aacute: 'á',
  agrave: 'à',
  acirc: 'â',
  atilde: 'ã',
  auml: 'ä',
  ccedil: 'ç',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  iacute: 'í',
  icirc: 'î',
  ntilde: 'ñ',
  oacute: 'ó',
  ocirc: 'ô',
  otilde: 'õ',
  ouml: 'ö',
  uacute: 'ú',
  uuml: 'ü',
  szlig: 'ß',
};

/** An HTML character reference: named, decimal or hex; the semicolon is required so "AT&T" stays. */
export const ENTITY_PATTERN = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,8}));/g;

/** Cheap pre-test so plain ASCII fields skip all regex replacement work. */
const NEEDS_UNICODE = /\P{ASCII}/u;
const FULLWIDTH = /[\uff01-\uff5e\u3000\u200b\u2060\ufeff]/g;
const CONTROL_OR_SPACE_RUN = /[\s\p{Cc}]+/gu;
const NEEDS_WHITESPACE = /\p{Cc}|\s\s|^\s|\s$|[^\S ]/u;

function decodeReference(match: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name] ?? match;
  const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
  // NUL, surrogates and out-of-range code points are not characters: keep the text as typed.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return match;
  return String.fromCodePoint(code);
}

/**
 * Decodes HTML character references until the text is stable, so a double-escaped
 * "&amp;amp;" (an export escaped twice) ends as "&" and a second clean finds nothing to do.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  let current = value;
  // Each pass strictly shortens the text, so the loop ends; the bound is a guard only.
  for (let pass = 0; pass < 32; pass++) {
    const next = current.replace(ENTITY_PATTERN, decodeReference);
    if (next === current) break;
    current = next;
  }
  return current;
}

function toHalfwidth(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x3000) return ' ';
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  // Zero-width space, word joiner and BOM carry no text; they only break matching.
  return '';
}

/**
 * NFC plus fullwidth ASCII → ASCII: buyers typing on Chinese / Japanese IMEs produce
 * "１２３ Ｍａｉｎ Ｓｔ", which carriers' systems reject or mangle.
 */
export function normalizeUnicode(value: string): string {
  if (!NEEDS_UNICODE.test(value)) return value;
  // Halfwidth first: removing a zero-width character can expose a sequence NFC composes.
  return value.replace(FULLWIDTH, toHalfwidth).normalize('NFC');
}

/** Collapses any run of whitespace or control characters to one space and trims. */
export function collapseWhitespace(value: string): string {
  if (!NEEDS_WHITESPACE.test(value)) return value;
  return value.replace(CONTROL_OR_SPACE_RUN, ' ').trim();
}
