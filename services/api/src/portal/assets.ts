import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** One built file, held in memory with its gzipped twin (the build is a few hundred kB). */
export interface Asset {
  type: string;
  body: Uint8Array;
  gzipped: Uint8Array | undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * The portal's build (`vite build` output) by URL path: `/index.html`, `/assets/…`. Read once
 * at boot; only these paths are ever served, so no request can name another file.
 */
export function loadPortalAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const file of walk(dir)) {
    const type = TYPES[extname(file)];
    if (!type) continue;
    const body = readFileSync(file);
    const compressible = !type.startsWith('image/png') && !type.startsWith('font/');
    assets.set(`/${relative(dir, file).split(sep).join('/')}`, {
      type,
      body,
      gzipped: compressible && body.byteLength > 1024 ? gzipSync(body, { level: 9 }) : undefined,
    });
  }
  if (!assets.has('/index.html')) throw new Error(`no portal build in ${dir} (index.html missing)`);
  return assets;
}
