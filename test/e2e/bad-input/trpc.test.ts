import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { cursorOf, expectTrpcError, listOrders, trpcMutation, trpcQuery } from './helpers.ts';

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
    ['a cursor over 512 characters', { cursor: 'a'.repeat(513) }],
  ])('refuses %s with 400 BAD_REQUEST, never 500', async (_, input) => {
    const res = await listOrders(p, JSON.stringify(input), token());
    await expectTrpcError(res, 400, 'BAD_REQUEST');
  });

  it('refuses an input that is not JSON with 400', async () => {
    await expectTrpcError(await listOrders(p, '{limit:', token()), 400, 'BAD_REQUEST');
  });
});

describe('tRPC list cursors', () => {
  const token = () => `Bearer ${p.tenants[0]!.apiToken}`;
  const id = randomUUID();
  const LISTS = [
    'orders.list',
    'shops.list',
    'skuMappings.list',
    'notifications.list',
    'billing.ledger',
  ];

  // A cursor is client input: whatever it decodes to must be refused before PostgreSQL sees it
  // (a non-uuid id, a date outside timestamptz), with a code a client can act on.
  it.each([
    ['a garbage cursor', '!!!not-a-cursor!!!', LISTS],
    ['a cursor of the old "date|id" form', cursorOf(`2026-01-01T00:00:00.000Z|${id}`), LISTS],
    ['a cursor whose id is not a uuid', cursorOf(['2026-01-01 00:00:00+00', 'x']), LISTS],
    ['a cursor whose date is not a date', cursorOf(['yesterday', id]), ['orders.list']],
    ['a cursor of February 30', cursorOf(['2026-02-30 00:00:00+00', id]), ['shops.list']],
    [
      'a cursor whose date Postgres cannot hold',
      cursorOf(['-200000-01-01 00:00:00+00', id]),
      ['orders.list'],
    ],
    ['a cursor with a NUL in its SKU id', cursorOf(['sku\u0000', id]), ['skuMappings.list']],
    [
      'a cursor beyond bigint',
      cursorOf(['9223372036854775808']),
      ['notifications.list', 'billing.ledger'],
    ],
  ])('refuses %s with 400 CURSOR_INVALID, never 500', async (_, cursor, lists) => {
    for (const path of lists) {
      const res = await trpcQuery(p, path, { cursor }, token());
      await expectTrpcError(res, 400, 'BAD_REQUEST', 'CURSOR_INVALID');
    }
  });

  it('still answers shops.list called without input, as before it paged', async () => {
    const res = await trpcQuery(p, 'shops.list', undefined, token());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { nextCursor: null } } });
  });
});

describe('tRPC text that PostgreSQL cannot store', () => {
  const token = () => `Bearer ${p.tenants[0]!.apiToken}`;
  /** Every table the mutations below could write to. */
  const counts = async () =>
    (
      await sql<Record<string, number>>`
        select (select count(*) from api_tokens)::int as api_tokens,
               (select count(*) from shops)::int as shops,
               (select count(*) from sku_mappings)::int as sku_mappings`.execute(p.admin)
    ).rows[0];

  // U+0000 makes PostgreSQL refuse the statement (a 500 before); an unpaired surrogate breaks
  // jsonb, and in text columns silently becomes U+FFFD.
  it.each([
    ['apiTokens.create', 'a NUL', { name: 'a\u0000b' }, 'name'],
    ['apiTokens.create', 'an unpaired high surrogate', { name: 'a\ud800b' }, 'name'],
    ['shops.createCsvShop', 'a NUL', { name: 'Shop\u0000', region: 'US' }, 'name'],
    [
      'shops.createCsvShop',
      'an unpaired low surrogate',
      { name: 'Shop', region: 'US', platformShopId: '\udc00' },
      'platformShopId',
    ],
    [
      'skuMappings.upsert',
      'a NUL',
      { marketplaceSkuId: 'sku\u0000', supplierItemCode: 'SZ-1' },
      'marketplaceSkuId',
    ],
    [
      'skuMappings.upsert',
      'an unpaired surrogate in a nested array',
      {
        marketplaceSkuId: 'sku-1',
        supplierItemCode: 'SZ-1',
        components: [{ supplierItemCode: 'SZ-2\ud800', quantity: 1 }],
      },
      'components[0].supplierItemCode',
    ],
    ['apiTokens.create', 'a NUL in a key', { name: 'ok', 'x\u0000': 1 }, 'x\ufffd'],
  ])(
    'refuses %s with %s: 400 INPUT_INVALID_TEXT naming the field, nothing written',
    async (path, _, input, field) => {
      const before = await counts();
      const res = await trpcMutation(p, path, input, token());
      const err = await expectTrpcError(res, 400, 'BAD_REQUEST', 'INPUT_INVALID_TEXT');
      expect(err.details).toEqual({ path: field });
      expect(await counts()).toEqual(before);
    },
  );

  it('refuses it in a query input sent over GET too', async () => {
    const res = await listOrders(p, JSON.stringify({ cursor: '\u0000' }), token());
    await expectTrpcError(res, 400, 'BAD_REQUEST', 'INPUT_INVALID_TEXT');
  });

  it('still accepts text with emoji (paired surrogates) and other control characters', async () => {
    const before = await counts();
    const res = await trpcMutation(p, 'apiTokens.create', { name: 'ERP 😀 \u0007' }, token());
    expect(res.status).toBe(200);
    expect((await counts())!.api_tokens).toBe(before!.api_tokens! + 1);
  });

  it.each([
    ['orders.list', { limit: 1e20 }],
    ['skuMappings.list', { limit: -1 }],
    ['notifications.list', { limit: Number.MAX_SAFE_INTEGER + 2 }],
  ])('refuses an out-of-range number in %s with 400', async (path, input) => {
    await expectTrpcError(await trpcQuery(p, path, input, token()), 400, 'BAD_REQUEST');
  });

  it.each([
    ['skuMappings.upsert', { marketplaceSkuId: 'sku-9', supplierItemCode: 'X', unitsPerSku: 1e20 }],
    [
      'skuMappings.upsert',
      {
        marketplaceSkuId: 'sku-9',
        supplierItemCode: 'X',
        components: [{ supplierItemCode: 'Y', quantity: 2 ** 31 }],
      },
    ],
  ])('refuses an out-of-range number in %s with 400, nothing written', async (path, input) => {
    const before = await counts();
    await expectTrpcError(await trpcMutation(p, path, input, token()), 400, 'BAD_REQUEST');
    expect(await counts()).toEqual(before);
  });
});
