import { type AbbreviationTable, listAbbreviationTables } from './abbreviations.ts';

/**
 * Expands street-type, unit and compass abbreviations in one address line (R-CHK-4).
 *
 * Every decision looks only at the word itself and its immediate neighbours within the same
 * comma-separated segment. That locality is what makes cleaning idempotent and lets line
 * splitting move words between lines safely (see `isSplitSafe`).
 */

const TRAILING_PUNCTUATION = /[.,;]+$/;
const PERIODS = /\./g;
const LOWERCASE_LETTER = /\p{Ll}/u;
const NOT_LETTER = /\P{L}/gu;
const NUMBERISH = /^#?\d/;
const UNIT_ID = /^(?:#?[\dA-Za-z]{0,4}\d[\dA-Za-z]{0,4}|#\S*|[A-Za-z])[.,;]*$/;
const ORDINAL = /^\d+(?:st|nd|rd|th)[.,;]*$/i;
const HOUSE_NUMBER = /^\d+[A-Za-z]?$/;
const STARTS_WITH_LETTER = /^\p{L}/u;
/** Words that qualify a street ("Baggot St Upper"), so an "St" before them is a street. */
const QUALIFIERS = new Set(['upper', 'lower', 'north', 'south', 'east', 'west', 'extension']);

interface CompiledTable {
  table: AbbreviationTable;
  /** Quick test so lines without any candidate skip tokenising entirely. */
  candidate: RegExp;
  /** Abbreviations and their full forms, lower-case: words that cannot be a name. */
  keywords: ReadonlySet<string>;
}

function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function compile(table: AbbreviationTable): CompiledTable {
  const maps = [table.suffix, table.prefix, table.unit, table.directionals];
  const keys = maps.flatMap((m) => Object.keys(m));
  const keywords = new Set<string>(keys);
  for (const m of maps) for (const full of Object.values(m)) keywords.add(full.toLowerCase());
  const alternatives = keys.map((k) => `(?<![\\p{L}\\p{N}])${escapeForRegex(k)}(?![\\p{L}\\p{N}])`);
  for (const [ending] of table.periodSuffixes) alternatives.push(`${escapeForRegex(ending)}\\.`);
  const candidate = new RegExp(alternatives.join('|') || '(?!)', 'iu');
  return { table, candidate, keywords };
}

/** Compiled once at module load: no regex is built per call. */
const COMPILED = new Map<string, CompiledTable>();
for (const [country, table] of listAbbreviationTables()) COMPILED.set(country, compile(table));

function coreOf(word: string): string {
  return word.replace(TRAILING_PUNCTUATION, '');
}

function isKeyword(word: string | undefined, compiled: CompiledTable): boolean {
  return word !== undefined && compiled.keywords.has(coreOf(word).toLowerCase());
}

function styleLike(replacement: string, typed: string, upperLine: boolean): string {
  // "APT" in a mixed-case line stays shouted; "SW" or "C/" are just how they are written.
  const shouted = typed.replace(NOT_LETTER, '').length >= 3 && typed === typed.toUpperCase();
  if (upperLine || shouted) {
    return replacement.toUpperCase();
  }
  const first = typed.charAt(0);
  if (first === first.toLowerCase()) return replacement.toLowerCase();
  return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

interface Context {
  prev: string | undefined;
  next: string | undefined;
  segmentStart: boolean;
  /** Index of the word within its comma-separated segment. */
  position: number;
}

/** The full form for `key` in this position, or undefined when it must stay as typed. */
function chooseExpansion(key: string, ctx: Context, c: CompiledTable): string | undefined {
  const t = c.table;
  const unit = t.unit[key];
  if (unit !== undefined) {
    const numbered = ctx.next !== undefined && UNIT_ID.test(ctx.next);
    const afterOrdinal = key === 'fl' && ctx.prev !== undefined && ORDINAL.test(ctx.prev);
    return numbered || afterOrdinal ? unit : undefined;
  }
  const suffix = t.suffix[key];
  if (suffix !== undefined) {
    if (ctx.segmentStart) return undefined; // a street type follows a street name
    if (!t.ambiguous.has(key)) return suffix;
    // "St Johns", "Dr Martin Luther King": a following name makes it a title, keep it.
    const next = ctx.next;
    const nameFollows =
      next !== undefined &&
      STARTS_WITH_LETTER.test(next) &&
      !isKeyword(next, c) &&
      !NUMBERISH.test(next) &&
      !QUALIFIERS.has(coreOf(next).toLowerCase());
    return nameFollows ? undefined : suffix;
  }
  const prefix = t.prefix[key];
  if (prefix !== undefined) {
    const next = ctx.next;
    const opensName = next !== undefined && (STARTS_WITH_LETTER.test(next) || NUMBERISH.test(next));
    // "Av. Paulista" or, French style, "12 Av. Foch": the type opens the street name.
    const opensStreet =
      ctx.position === 0 ||
      (ctx.position === 1 && ctx.prev !== undefined && HOUSE_NUMBER.test(ctx.prev));
    return opensStreet && opensName ? prefix : undefined;
  }
  const direction = t.directionals[key];
  if (direction !== undefined && !ctx.segmentStart) {
    const afterNumber = ctx.prev !== undefined && HOUSE_NUMBER.test(ctx.prev);
    const next = ctx.next;
    const beforeName =
      next !== undefined &&
      ((STARTS_WITH_LETTER.test(next) && !isKeyword(next, c)) || ORDINAL.test(next));
    return afterNumber && beforeName ? direction : undefined;
  }
  return undefined;
}

function expandPeriodSuffix(core: string, c: CompiledTable, upperLine: boolean): string | null {
  const lower = core.toLowerCase();
  for (const [ending, replacement] of c.table.periodSuffixes) {
    if (!lower.endsWith(ending)) continue;
    const stem = core.slice(0, core.length - ending.length);
    const typed = core.slice(core.length - ending.length);
    return stem + styleLike(replacement, typed, upperLine);
  }
  return null;
}

/**
 * Expands abbreviations in `line` for `country`; returns the line unchanged (same string)
 * when the country has no table or nothing applies.
 *
 * @example expandAbbreviations('123 N Main St Apt 4', 'US') // '123 North Main Street Apartment 4'
 * @example expandAbbreviations('12 St Johns Rd', 'GB') // '12 St Johns Road'
 */
export function expandAbbreviations(line: string, country: string): string {
  const compiled = COMPILED.get(country.toUpperCase());
  if (compiled === undefined || !compiled.candidate.test(line)) return line;
  const words = line.split(' ');
  const upperLine = !LOWERCASE_LETTER.test(line);
  let changed = false;
  let segmentStart = true;
  let position = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const core = coreOf(word);
    const trail = word.slice(core.length);
    const endsSegment = trail.includes(',') || trail.includes(';');
    const ctx: Context = {
      prev: segmentStart ? undefined : words[i - 1],
      next: endsSegment ? undefined : words[i + 1],
      segmentStart,
      position,
    };
    segmentStart = endsSegment;
    position = endsSegment ? 0 : position + 1;
    let replaced: string | null = null;
    if (trail.startsWith('.')) replaced = expandPeriodSuffix(core, compiled, upperLine);
    if (replaced === null) {
      const full = chooseExpansion(core.toLowerCase(), ctx, compiled);
      if (full !== undefined) replaced = styleLike(full, core, upperLine);
    }
    if (replaced !== null) {
      words[i] = replaced + trail.replace(PERIODS, '');
      changed = true;
    }
  }
  return changed ? words.join(' ') : line;
}

/**
 * Whether a line may be cut between `before` and `after` without changing how any word
 * expands: neither may be an abbreviation or a full street/unit word (their context would
 * change), `after` may not be a number (it would open a segment, and "12 Av. Foch" expands
 * differently from "x 12 Av. Foch"), and neither may be "Box" ("Box 12" opening a line reads
 * as a PO Box).
 */
export function isSplitSafe(before: string, after: string, country: string): boolean {
  return !NUMBERISH.test(after) && isPlainWord(before, country) && isPlainWord(after, country);
}

function isPlainWord(word: string, country: string): boolean {
  const core = coreOf(word).toLowerCase();
  if (core === 'box' || core === '') return false;
  const compiled = COMPILED.get(country.toUpperCase());
  return compiled === undefined || !compiled.keywords.has(core);
}
