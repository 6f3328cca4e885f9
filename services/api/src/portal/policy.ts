/**
 * The portal's Content Security Policy: its own scripts, styles and API only, no inline script
 * or style, no eval, no frames, no plugins; Trusted Types so no string ever becomes markup.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types',
].join('; ');

/** Hashed build files never change under their name; everything else is checked each time. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE = 'no-cache';

/** First path segments that belong to the api, never to the portal's pages. */
export const API_SEGMENTS = new Set([
  'trpc',
  'oauth',
  'auth',
  'webhooks',
  'partner',
  'v1',
  'healthz',
  'assets',
]);
