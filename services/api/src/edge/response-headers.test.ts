import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { resolveEdgePolicy } from './policy.ts';
import { jsonWithHeaders, PROTECTIVE_HEADERS, responseHeaders } from './response-headers.ts';

/** The same app answering through the generic pass and with the headers built in. */
function appWith(policy = resolveEdgePolicy()) {
  const app = new Hono();
  app.use('*', responseHeaders(policy));
  app.get('/generic', (c) => c.json({ ok: true }, 201));
  app.get('/built-in', (c) => jsonWithHeaders(c, { ok: true }, 201));
  app.get('/cached', (c) => c.json({ ok: true }, 200, { 'cache-control': 'max-age=60' }));
  return app;
}

const headersOf = (res: Response) => Object.fromEntries(res.headers);

describe('responseHeaders', () => {
  it('gives answers built with the headers the same headers, status and body as the others', async () => {
    const app = appWith();
    for (const url of ['http://api.test', 'https://api.test']) {
      const generic = await app.request(`${url}/generic`);
      const builtIn = await app.request(`${url}/built-in`);
      expect(headersOf(builtIn)).toEqual(headersOf(generic));
      expect([builtIn.status, await builtIn.json()]).toEqual([201, { ok: true }]);
      expect(headersOf(generic)).toMatchObject(PROTECTIVE_HEADERS);
      expect(headersOf(generic)['content-type']).toMatch(/^application\/json/);
    }
  });

  it('sends HSTS over TLS only, as configured, and keeps a route’s own Cache-Control', async () => {
    const app = appWith();
    expect(
      (await app.request('https://api.test/built-in')).headers.get('strict-transport-security'),
    ).toBe('max-age=15552000; includeSubDomains');
    expect(
      (await app.request('http://api.test/built-in')).headers.has('strict-transport-security'),
    ).toBe(false);
    const noHsts = appWith(resolveEdgePolicy({ hstsMaxAgeS: 0 }));
    expect(
      (await noHsts.request('https://api.test/generic')).headers.has('strict-transport-security'),
    ).toBe(false);
    expect((await app.request('http://api.test/cached')).headers.get('cache-control')).toBe(
      'max-age=60',
    );
  });
});
