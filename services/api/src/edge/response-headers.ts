import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { cameOverTls } from './client.ts';
import type { EdgePolicy } from './policy.ts';

/**
 * Headers on every answer, errors included. The API serves JSON and one small HTML page (the
 * OAuth callback, plain markup): nothing may load, frame, or be sniffed from any of it.
 * HSTS only for requests that came over TLS: over plain HTTP a browser ignores it anyway, and
 * the local demo must stay reachable over http.
 */
export function responseHeaders(policy: EdgePolicy) {
  const trusted = new Set(policy.trustedProxies);
  const hsts =
    policy.hstsMaxAgeS > 0 ? `max-age=${policy.hstsMaxAgeS}; includeSubDomains` : undefined;
  return [
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
    }),
    createMiddleware(async (c, next) => {
      await next();
      if (hsts && cameOverTls(c, trusted)) c.res.headers.set('Strict-Transport-Security', hsts);
      // Answers carry buyer data, API tokens and sessions: no cache keeps them unless a route
      // says otherwise.
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    }),
  ];
}
