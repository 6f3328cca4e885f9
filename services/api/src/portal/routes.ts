import type { Context } from 'hono';
import { type Asset, loadPortalAssets } from './assets.ts';
import { API_SEGMENTS, IMMUTABLE_CACHE, PORTAL_CSP, REVALIDATE_CACHE } from './policy.ts';

function send(c: Context, asset: Asset, cacheControl: string) {
  const gzip = asset.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  if (asset.type.startsWith('text/html')) headers['content-security-policy'] = PORTAL_CSP;
  const body = gzip ? asset.gzipped! : asset.body;
  return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * The seller portal's built pages, served by the api on its own origin: `/assets/…` (hashed
 * names, cached for a year), other build files, and the portal's page for every path that is
 * not the api's own (client-side routes), revalidated on each load, under PORTAL_CSP.
 */
export function portalHandler(dir: string) {
  const assets = loadPortalAssets(dir);
  const page = assets.get('/index.html')!;
  return (c: Context, next: () => Promise<void>) => {
    const path = c.req.path;
    const asset = assets.get(path);
    if (asset && path !== '/index.html')
      return send(c, asset, path.startsWith('/assets/') ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    const segment = path.split('/')[1] ?? '';
    if (API_SEGMENTS.has(segment) || segment.includes('.')) return next();
    return send(c, page, REVALIDATE_CACHE);
  };
}
