import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/**
 * The documentation page's own policy, in place of the API's "nothing may load": scripts and
 * styles from this origin only (the Swagger UI bundle and a small start script, no inline
 * script), its SVG icons as data: images, and requests to this origin (the contract, and
 * "Try it out"). Swagger UI writes style attributes into the markup it renders, hence inline
 * styles; nothing can be framed, no form posted elsewhere, no base URL changed.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchyard partner API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/start.js"></script>
</body>
</html>
`;

// The contract next to this page; no validator badge (it would call validator.swagger.io).
const START = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;

/** The Swagger UI files served, read once from the installed package (no CDN: nothing outside). */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

function loadAssets(): Record<keyof typeof ASSETS, string> {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const read = (name: string) => readFileSync(join(root, name), 'utf8');
  return {
    'swagger-ui.css': read('swagger-ui.css'),
    'swagger-ui-bundle.js': read('swagger-ui-bundle.js'),
  };
}

/**
 * `GET /docs`: an interactive page of the partner API, rendered in the browser from
 * `openapi.json`, the same document the routes are checked against. Public, as the contract is.
 */
export function docsRoutes() {
  const app = new Hono();
  let assets: ReturnType<typeof loadAssets> | undefined;
  app.get('/docs', (c) =>
    c.body(PAGE, 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': DOCS_CSP,
    }),
  );
  app.get('/docs/start.js', (c) =>
    c.body(START, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[])
    app.get(`/docs/${name}`, (c) => {
      assets ??= loadAssets();
      return c.body(assets[name], 200, {
        'content-type': ASSETS[name],
        'cache-control': 'public, max-age=3600',
      });
    });
  return app;
}
