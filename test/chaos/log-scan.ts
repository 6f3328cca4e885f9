import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A value that must never reach a log, and what it is (never the value, in reports). */
export interface Needle {
  kind: string;
  value: string;
}

export interface LogHit {
  file: string;
  line: number;
  kind: string;
}

// Shorter values (a first name, a two-digit flat) would match innocent words.
const MIN_NEEDLE = 6;

/**
 * The buyer data of marketplace orders as the simulator generated them: the recipient's full
 * name, phone (as written and as bare digits), street lines and full address line.
 */
export function buyerNeedles(recipients: ReadonlyArray<Record<string, unknown>>): Needle[] {
  const out: Needle[] = [];
  const add = (kind: string, v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= MIN_NEEDLE) out.push({ kind, value: v.trim() });
  };
  for (const r of recipients) {
    add('buyer name', r.name);
    add('buyer phone', r.phone_number);
    if (typeof r.phone_number === 'string') {
      // As bare digits, with and without the country code TikTok writes as `(+1)`.
      add('buyer phone', r.phone_number.replace(/\D/g, ''));
      add('buyer phone', r.phone_number.replace(/^\(\+\d+\)/, '').replace(/\D/g, ''));
    }
    add('street line', r.address_line1);
    add('street line', r.address_detail);
    add('full address', r.full_address);
  }
  return dedupe(out);
}

/** Secrets by name, as the launcher made them; short or empty ones are left out. */
export function secretNeedles(secrets: Record<string, string>, tokens: readonly string[]) {
  const out: Needle[] = [];
  for (const [kind, value] of Object.entries(secrets)) {
    if (value.length < MIN_NEEDLE) continue;
    out.push({ kind, value });
    // A keyring spec (`id:base64,…`) leaks key by key too.
    for (const part of value.split(/[,:;]/))
      if (part.length >= 16 && part !== value) out.push({ kind: `${kind} (part)`, value: part });
  }
  for (const t of tokens) out.push({ kind: 'marketplace access/refresh token', value: t });
  return dedupe(out);
}

function dedupe(needles: Needle[]): Needle[] {
  const seen = new Map<string, Needle>();
  for (const n of needles) if (!seen.has(n.value)) seen.set(n.value, n);
  return [...seen.values()];
}

/**
 * Every line of every `*.log` under `dir` that contains a needle (case-sensitive). Needles are
 * indexed by their first characters, so thousands of them cost one pass over each line.
 */
export async function scanLogs(dir: string, needles: readonly Needle[]): Promise<LogHit[]> {
  const byPrefix = new Map<string, Needle[]>();
  for (const n of needles) {
    const k = n.value.slice(0, MIN_NEEDLE);
    byPrefix.set(k, [...(byPrefix.get(k) ?? []), n]);
  }
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.log'));
  const hits: LogHit[] = [];
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    lines.forEach((text, i) => {
      const found = new Set<string>();
      for (let at = 0; at + MIN_NEEDLE <= text.length; at++)
        for (const n of byPrefix.get(text.slice(at, at + MIN_NEEDLE)) ?? [])
          if (text.startsWith(n.value, at)) found.add(n.kind);
      for (const kind of found) hits.push({ file, line: i + 1, kind });
    });
  }
  return hits;
}

/** Bytes of the logs scanned, to show the scan had something to read. */
export async function logBytes(dir: string): Promise<Record<string, number>> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.log'));
  const sizes: Record<string, number> = {};
  for (const f of files) sizes[f] = (await readFile(join(dir, f))).length;
  return sizes;
}
