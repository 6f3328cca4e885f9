import { createHmac, timingSafeEqual } from 'node:crypto';

// Deliberately written separately from packages/tiktok-shop: if both sides shared one
// implementation, a canonicalization bug would sign and verify identically and go unnoticed.

/** Decodes a raw query string into ordered pairs, the way a server sees them. */
export function parseRawQuery(search: string): Array<[string, string]> {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return [];
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? '' : part.slice(eq + 1);
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return [dec(k), dec(v)];
  });
}

/** Expected `sign` for a request: reference §2 steps 1–7, computed from the wire form. */
export function expectedSign(
  appSecret: string,
  path: string,
  pairs: Array<[string, string]>,
  rawBody: string,
  contentType: string | undefined,
): string {
  const kept = pairs
    .filter(([k]) => k !== 'sign' && k !== 'access_token')
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const parts = [path];
  for (const [k, v] of kept) parts.push(k, v);
  const multipart = (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
  if (!multipart && rawBody !== '') parts.push(rawBody);
  const wrapped = appSecret + parts.join('') + appSecret;
  return createHmac('sha256', Buffer.from(appSecret, 'utf8'))
    .update(Buffer.from(wrapped, 'utf8'))
    .digest('hex');
}

export function signMatches(expected: string, given: string): boolean {
  // TikTok signs in lowercase hex; an uppercase sign is a client bug, so compare exactly.
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
