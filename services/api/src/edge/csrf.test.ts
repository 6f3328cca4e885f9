import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';
import { CSRF_HEADER, csrfTokenFor, requireCsrf } from './csrf.ts';

const app = new Hono()
  .use('*', requireCsrf())
  .all('*', (c) => c.text('ran'))
  .onError((err, c) =>
    err instanceof AppError ? c.text(err.code, err.httpStatus) : c.text('?', 500),
  );

async function call(method: string, headers: Record<string, string>) {
  const res = await app.request('/trpc/x', { method, headers });
  return [res.status, await res.text()];
}

describe('CSRF guard', () => {
  const cookie = { cookie: `${SESSION_COOKIE}=s3ss10n` };

  it('derives one token per session, which reveals nothing of it', () => {
    expect(csrfTokenFor('a')).toBe(csrfTokenFor('a'));
    expect(csrfTokenFor('a')).not.toBe(csrfTokenFor('b'));
    expect(csrfTokenFor('s3ss10n')).not.toContain('s3ss10n');
  });

  it("refuses a session's change without its token, before the handler runs", async () => {
    expect(await call('POST', cookie)).toEqual([403, 'CSRF_INVALID']);
    expect(await call('DELETE', { ...cookie, [CSRF_HEADER]: csrfTokenFor('other') })).toEqual([
      403,
      'CSRF_INVALID',
    ]);
    expect(await call('POST', { ...cookie, [CSRF_HEADER]: csrfTokenFor('s3ss10n') })).toEqual([
      200,
      'ran',
    ]);
  });

  it('leaves reads, bearer-token calls and calls without a session alone', async () => {
    expect(await call('GET', cookie)).toEqual([200, 'ran']);
    expect(await call('POST', { ...cookie, authorization: 'Bearer sy_live_x' })).toEqual([
      200,
      'ran',
    ]);
    expect(await call('POST', {})).toEqual([200, 'ran']);
  });
});
