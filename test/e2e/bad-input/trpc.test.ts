import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { cursorOf, expectTrpcError, listOrders } from './helpers.ts';

// Adversarial input at the tRPC api: each refusal has one HTTP status and one stable error code,
// and is never a 5xx.

let p: Platform;
beforeAll(async () => {
  p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
});
afterAll(async () => {
  await p?.close();
});

describe('tRPC orders.list over HTTP', () => {
  const token = () => `Bearer ${p.tenants[0]!.apiToken}`;

  it('answers a valid call with 200 (so the refusals below are about the input)', async () => {
    const res = await listOrders(p, JSON.stringify({ limit: 5 }), token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { nextCursor: null } } });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a forged tenant token', 'Bearer sy_live_forged'],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
    ['a partner key instead of a tenant token', 'Bearer sy_pk_0000000000000000'],
  ])('refuses %s with 401 UNAUTHORIZED', async (_, authorization) => {
    const res = await listOrders(p, JSON.stringify({}), authorization);
    await expectTrpcError(res, 401, 'UNAUTHORIZED');
  });

  it.each([
    ['limit 0', { limit: 0 }],
    ['limit 1000', { limit: 1000 }],
    ['a fractional limit', { limit: 2.5 }],
    ['a string limit', { limit: '10' }],
    ['an unknown status', { status: 'teleported' }],
    ['a garbage cursor', { cursor: '!!!not-a-cursor!!!' }],
    ['a cursor over 200 characters', { cursor: 'a'.repeat(201) }],
    ['a cursor whose date is not a date', { cursor: cursorOf(`yesterday|${randomUUID()}`) }],
    // Decodes to a real date and an id: the id must be validated, not handed to a uuid column.
    ['a cursor whose id is not a uuid', { cursor: cursorOf('2026-01-01T00:00:00.000Z|x') }],
    [
      'a cursor whose date Postgres cannot hold',
      { cursor: cursorOf(`-200000-01-01T00:00:00.000Z|${randomUUID()}`) },
    ],
  ])('refuses %s with 400 BAD_REQUEST, never 500', async (_, input) => {
    const res = await listOrders(p, JSON.stringify(input), token());
    await expectTrpcError(res, 400, 'BAD_REQUEST');
  });

  it('refuses an input that is not JSON with 400', async () => {
    await expectTrpcError(await listOrders(p, '{limit:', token()), 400, 'BAD_REQUEST');
  });
});
