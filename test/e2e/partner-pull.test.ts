import { createHash } from 'node:crypto';
import { purgeIdempotencyKeys } from '@switchyard/db';
import { dispatchPayloadSchema } from '@switchyard/suppliers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../harness/platform.ts';
import { cursorOf, expectError, openDispatch, snapshot } from './bad-input/helpers.ts';
import { startApi } from './edge/helpers.ts';

/**
 * R-RT-2 "or it pulls": a supplier with no webhook endpoint lists its dispatches over HTTP,
 * walks them with a cursor, gets what a push would have delivered, and answers with the same
 * ack; and every partner POST honours an `Idempotency-Key`. The supplier simulator stays
 * silent: the tests act as the supplier.
 */
describe('partner API: pull and idempotency keys', () => {
  let p: Platform;
  let otherKey: string;
  let otherId: string;
  const opened: string[] = [];

  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
    ({ partnerKey: otherKey, supplierId: otherId } = await p.registerIdleSupplier('factory-z'));
    for (let i = 0; i < 3; i++) opened.push((await openDispatch(p)).dispatchId);
  });
  afterAll(async () => {
    await p?.close();
  });

  type Listing = {
    items: Array<{ dispatch_id: string; status: string; delivery: unknown }>;
    next_cursor: string | null;
    has_more: boolean;
  };
  const list = (query = '', key = p.partnerKey, base = p.apiUrl) =>
    fetch(`${base}/partner/v1/dispatches${query}`, {
      headers: { authorization: `Bearer ${key}` },
    });
  const listed = async (query = '', key = p.partnerKey) => {
    const res = await list(query, key);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Listing;
  };
  const post = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    key = p.partnerKey,
    base = p.apiUrl,
  ) =>
    fetch(`${base}/partner/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('GET /dispatches (R-RT-2 pull)', () => {
    it('pages through the supplier’s dispatches oldest first with an opaque cursor', async () => {
      const first = await listed('?limit=2');
      expect(first.items.map((d) => d.dispatch_id)).toEqual(opened.slice(0, 2));
      expect(first.has_more).toBe(true);
      const second = await listed(`?limit=2&cursor=${first.next_cursor}`);
      expect(second.items.map((d) => d.dispatch_id)).toEqual(opened.slice(2));
      expect(second.has_more).toBe(false);
      // The last page still hands out a cursor: kept, it finds what is new since.
      const idle = await listed(`?cursor=${second.next_cursor}`);
      expect(idle).toEqual({ items: [], next_cursor: second.next_cursor, has_more: false });
      const fresh = (await openDispatch(p)).dispatchId;
      opened.push(fresh);
      const since = await listed(`?cursor=${second.next_cursor}`);
      expect(since.items.map((d) => d.dispatch_id)).toEqual([fresh]);
    });

    it('carries what a push delivers, read from the database (R-IN-4)', async () => {
      const { items } = await listed('?status=sent');
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const delivery = dispatchPayloadSchema.parse(item.delivery);
        const order = await p.admin
          .selectFrom('dispatches as d')
          .innerJoin('orders as o', 'o.id', 'd.order_id')
          .select(['o.platform_order_id', 'o.supplier_lines'])
          .where('d.id', '=', item.dispatch_id)
          .executeTakeFirstOrThrow();
        expect(delivery.dispatch_id).toBe(item.dispatch_id);
        expect(delivery.order.order_number).toBe(order.platform_order_id);
        expect(delivery.order.lines.map((l) => [l.sku_code, l.quantity])).toEqual(
          order.supplier_lines.map((l) => [l.supplierItemCode, l.quantity]),
        );
        expect(delivery.callback_base_url).toBe(`${p.apiUrl}/partner/v1`);
        // The simulator was pushed the same order under the same dispatch id.
        expect(p.supplier.received()).toContainEqual(
          expect.objectContaining({
            dispatchId: item.dispatch_id,
            orderNumber: delivery.order.order_number,
          }),
        );
      }
    });

    it('is answered through the existing ack; the status filter then moves it', async () => {
      const target = opened[0]!;
      const ack = await post(`/dispatches/${target}/ack`, { channel: 'USPS' });
      expect(ack.status).toBe(200);
      const acked = await listed('?status=acknowledged');
      expect(acked.items.map((d) => d.dispatch_id)).toEqual([target]);
      expect((await listed('?status=sent')).items.map((d) => d.dispatch_id)).not.toContain(target);
      expect(acked.items[0]!.delivery).not.toBeNull(); // still to be shipped: the address stays
    });

    it('shows another supplier none of these dispatches, by listing or by cursor', async () => {
      const mine = await listed('?limit=1');
      expect(await listed('', otherKey)).toEqual({ items: [], next_cursor: null, has_more: false });
      const viaCursor = await listed(`?cursor=${mine.next_cursor}`, otherKey);
      expect(viaCursor.items).toEqual([]);
    });

    it.each([
      ['?limit=0', 'LIMIT_INVALID'],
      ['?limit=101', 'LIMIT_INVALID'],
      ['?limit=abc', 'LIMIT_INVALID'],
      ['?limit=1.5', 'LIMIT_INVALID'],
      ['?limit=-1', 'LIMIT_INVALID'],
      ['?limit=', 'LIMIT_INVALID'],
      ['?limit=1&limit=2', 'LIMIT_INVALID'],
      ['?status=lost', 'STATUS_INVALID'],
      ['?status=', 'STATUS_INVALID'],
      ['?cursor=not-a-cursor', 'CURSOR_INVALID'],
      ['?cursor=', 'CURSOR_INVALID'],
      [`?cursor=${cursorOf(['2026-02-30 10:00:00+00', 'd_x'])}`, 'CURSOR_INVALID'],
      [`?cursor=${cursorOf(['x'])}`, 'CURSOR_INVALID'],
      [`?cursor=${'A'.repeat(600)}`, 'CURSOR_INVALID'],
      ['?cursor=%00', 'INPUT_INVALID_TEXT'],
      ['?status=%ED%A0%80', 'STATUS_INVALID'], // not UTF-8: decoded to U+FFFD, no status,
    ])('refuses %s with 400 %s', async (query, code) => {
      await expectError(await list(query), 400, code);
    });

    it('refuses an unknown key with 401', async () => {
      await expectError(await list('', `sy_pk_${'0'.repeat(32)}`), 401, 'PARTNER_UNAUTHORIZED');
    });
  });

  describe('Idempotency-Key on every POST', () => {
    const stock = (supplierId: string) =>
      p.admin
        .selectFrom('supplier_items')
        .select(['supplier_item_code', 'stock'])
        .where('supplier_id', '=', supplierId)
        .orderBy('supplier_item_code')
        .execute();
    let code: string;
    beforeAll(async () => {
      code = (await stock(p.supplierId))[0]!.supplier_item_code;
    });
    const setStock = (n: number) => ({ items: [{ sku_code: code, stock: n }] });

    it('replays the first answer to the same key and body without doing the work again', async () => {
      const first = await post('/catalog/stock', setStock(7), { 'idempotency-key': 'feed-1' });
      expect(first.status).toBe(200);
      const firstBody = await first.text();
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // Someone else changes the row: a replay must not write 7 again.
      await p.admin
        .updateTable('supplier_items')
        .set({ stock: 99 })
        .where('supplier_id', '=', p.supplierId)
        .where('supplier_item_code', '=', code)
        .execute();
      const again = await post('/catalog/stock', setStock(7), { 'idempotency-key': 'feed-1' });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.text()).toBe(firstBody);
      expect((await stock(p.supplierId)).find((r) => r.supplier_item_code === code)?.stock).toBe(
        99,
      );
    });

    it('replays from another api process: the key lives in PostgreSQL', async () => {
      const second = await startApi(p, {});
      try {
        const res = await post(
          '/catalog/stock',
          setStock(7),
          { 'idempotency-key': 'feed-1' },
          p.partnerKey,
          second.url,
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('idempotent-replayed')).toBe('true');
      } finally {
        await second.close();
      }
    });

    it('refuses the same key with another body, or on another route, with 409 and does nothing', async () => {
      const before = await stock(p.supplierId);
      await expectError(
        await post('/catalog/stock', setStock(8), { 'idempotency-key': 'feed-1' }),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
      const snap = await snapshot(p);
      await expectError(
        await post(
          `/dispatches/${opened[1]}/ack`,
          { channel: 'USPS' },
          { 'idempotency-key': 'feed-1' },
        ),
        409,
        'IDEMPOTENCY_KEY_REUSED',
      );
      expect(await snapshot(p)).toEqual(snap);
      expect(await stock(p.supplierId)).toEqual(before);
    });

    it('keeps keys per supplier: another supplier’s same key is its own', async () => {
      const res = await post(
        '/catalog/stock',
        { items: [{ sku_code: code, stock: 5, unit_cost: '1.00' }] },
        { 'idempotency-key': 'feed-1' },
        otherKey,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
      expect(await stock(otherId)).toEqual([{ supplier_item_code: code, stock: 5 }]);
    });

    it('replays a supplier action: the second ack with the key is the first answer', async () => {
      const target = opened[1]!;
      const headers = { 'idempotency-key': `ack-${target}` };
      const first = await post(`/dispatches/${target}/ack`, { channel: 'USPS' }, headers);
      expect(first.status).toBe(200);
      const body = await first.json();
      const events = () =>
        p.admin
          .selectFrom('order_events as e')
          .innerJoin('dispatches as d', 'd.order_id', 'e.order_id')
          .select('e.kind')
          .where('d.id', '=', target)
          .where('e.kind', '=', 'acknowledged')
          .execute();
      const recorded = await events();
      const again = await post(`/dispatches/${target}/ack`, { channel: 'USPS' }, headers);
      expect([again.status, await again.json()]).toEqual([200, body]);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await events()).toEqual(recorded);
    });

    it('answers 409 with Retry-After while the first request still runs, and lets a retry take over a dead one', async () => {
      const raw = JSON.stringify(setStock(11));
      const fingerprint = createHash('sha256')
        .update('POST /partner/v1/catalog/stock\n')
        .update(raw)
        .digest('hex');
      // As a request in flight on another process leaves it.
      await p.admin
        .insertInto('idempotency_keys')
        .values({ supplier_id: p.supplierId, key: 'in-flight', fingerprint })
        .execute();
      const busy = await post('/catalog/stock', raw, { 'idempotency-key': 'in-flight' });
      expect(busy.headers.get('retry-after')).toBe('1');
      await expectError(busy, 409, 'IDEMPOTENCY_KEY_IN_FLIGHT');
      // Its process died: after a minute unanswered, a retry does the work.
      await p.admin
        .updateTable('idempotency_keys')
        .set({ claimed_at: sql`now() - interval '2 minutes'` })
        .where('key', '=', 'in-flight')
        .execute();
      const retried = await post('/catalog/stock', raw, { 'idempotency-key': 'in-flight' });
      expect(retried.status).toBe(200);
      expect((await stock(p.supplierId)).find((r) => r.supplier_item_code === code)?.stock).toBe(
        11,
      );
    });

    it('does the work once when the same key arrives several times at once', async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          post('/catalog/stock', setStock(13), { 'idempotency-key': 'burst' }),
        ),
      );
      const seen = await Promise.all(
        answers.map(async (a) => ({
          status: a.status,
          replayed: a.headers.get('idempotent-replayed') === 'true',
          code: ((await a.json()) as { error?: { code: string } }).error?.code,
        })),
      );
      // Exactly one request did the work; each other one got its answer or was told to wait.
      expect(seen.filter((s) => s.status === 200 && !s.replayed)).toHaveLength(1);
      for (const s of seen)
        expect(
          (s.status === 200 && s.code === undefined) ||
            (s.status === 409 && s.code === 'IDEMPOTENCY_KEY_IN_FLIGHT'),
          JSON.stringify(s),
        ).toBe(true);
    });

    it('keeps a refusal as the answer too: a bad body stays refused under its key', async () => {
      const headers = { 'idempotency-key': 'bad-body' };
      await expectError(await post('/catalog/stock', { items: [] }, headers), 400, 'BAD_REQUEST');
      const again = await post('/catalog/stock', { items: [] }, headers);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      await expectError(again, 400, 'BAD_REQUEST');
    });

    it.each([
      ['an empty key', ''],
      ['a key of 256 characters', 'k'.repeat(256)],
      ['a key with a tab', 'a\tb'],
      ['a key with a Latin-1 letter', 'clé'],
    ])('refuses %s with 400 IDEMPOTENCY_KEY_INVALID and does nothing', async (_, key) => {
      const before = await stock(p.supplierId);
      const res = await post('/catalog/stock', setStock(1), { 'idempotency-key': key });
      await expectError(res, 400, 'IDEMPOTENCY_KEY_INVALID');
      expect(await stock(p.supplierId)).toEqual(before);
    });

    it('takes any printable ASCII key of up to 255 characters', async () => {
      const key = ` !"#$%&'()*+,-./09:;<=>?@AZ[\\]^_\`az{|}~${'x'.repeat(200)}`;
      const res = await post('/catalog/stock', setStock(12), { 'idempotency-key': key });
      expect(res.status).toBe(200);
    });

    it('keeps keys at least 24 hours; the purge takes older ones', async () => {
      const count = () =>
        p.admin
          .selectFrom('idempotency_keys')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n));
      const all = await count();
      expect(all).toBeGreaterThan(0);
      expect(await purgeIdempotencyKeys(p.db, new Date(Date.now() + 60_000))).toBe(0);
      await p.admin
        .updateTable('idempotency_keys')
        .set({ created_at: sql`now() - interval '25 hours'` })
        .where('key', '=', 'bad-body')
        .execute();
      expect(await purgeIdempotencyKeys(p.db, new Date())).toBe(1);
      expect(await count()).toBe(all - 1);
    });
  });
});
