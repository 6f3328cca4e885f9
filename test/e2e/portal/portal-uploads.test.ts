import { issueSignInLink } from '@switchyard/auth/credentials';
import { generateOrderExport } from '@switchyard/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { call, postFileAs, type Session, sessionOf } from './roles.ts';

// The portal's order import (R-IN-3, issue 12) over real HTTP and PostgreSQL: a file goes to the
// api's file route with the session cookie and its CSRF token, past tRPC's 256 KB body limit;
// each role and each tenant only its own; hostile bodies get stable codes and write nothing.

const HEADER =
  'Order ID,SKU ID,Seller SKU,Quantity,Recipient,Phone #,Zipcode,Country,State,City,Detail Address,Shipping Provider Name';
const row = (id: string, quantity = '1') =>
  `${id},1729384756102938481,LED-5M-RGB,${quantity},Jane Doe,+12125550142,10118,US,NY,New York,350 5th Ave,USPS`;

interface Answer {
  status: number;
  code: string | null;
  body: {
    accepted?: number;
    rejected?: number;
    rows?: number;
    duplicate?: boolean;
    rejections?: Array<{
      orderNumber: string | null;
      rows: number[];
      errors: Array<{ row: number; column: string; code: string }>;
    }>;
  };
}

describe('portal file uploads: the order import with a session', { timeout: 240_000 }, () => {
  let p: Platform;
  const s = {} as Record<'tenantA' | 'tenantB' | 'supplier', Session>;
  const shop = { a: '', b: '' };

  /** POSTs `body` to the order import as a browser would: cookie, CSRF token, text/csv. */
  async function upload(
    session: Session | undefined,
    shopId: string,
    body: string | Uint8Array,
    opts: { csrf?: string | null; type?: string; rawFilename?: string } = {},
  ): Promise<Answer> {
    // Raw, so a test can send what URLSearchParams would have cleaned (a NUL, say).
    const query = `shop_id=${shopId}&filename=${opts.rawFilename ?? 'x.csv'}`;
    return postFileAs<Answer['body']>(
      `${p.apiUrl}/v1/imports/orders?${query}`,
      session,
      body,
      opts,
    );
  }

  const importsOf = async (shopId: string) =>
    (
      await p.admin
        .selectFrom('csv_imports')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow()
    ).n;

  beforeAll(async () => {
    p = await startPlatform({ tenants: 2 });
    for (const [key, i] of [
      ['tenantA', 0],
      ['tenantB', 1],
    ] as const) {
      const link = await issueSignInLink(p.db, {
        kind: 'tenant',
        tenantId: p.tenants[i]!.tenantId,
      });
      s[key] = await sessionOf(p, 'link', link);
    }
    s.supplier = await sessionOf(p, 'partner-key', p.partnerKey);
    const made = async (session: Session, name: string) => {
      const r = await call(p, session, 'mutation', 'shops.createCsvShop', { name, region: 'US' });
      expect(r.status, JSON.stringify(r)).toBe(200);
      return (r.data as { id: string }).id;
    };
    shop.a = await made(s.tenantA, 'Stall A');
    shop.b = await made(s.tenantB, 'Stall B');
  });
  afterAll(async () => {
    await p?.close();
  });

  it('accepts a file over 256 KB, keeps the good orders and reports each bad row', async () => {
    const file = generateOrderExport({ orders: 500, badEvery: 40 });
    expect(Buffer.byteLength(file.csv)).toBeGreaterThan(256 * 1024);
    const answer = await upload(s.tenantA, shop.a, file.csv);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
    expect(answer.body).toMatchObject({
      duplicate: false,
      rows: file.rows,
      accepted: file.expected.accepted.length,
      rejected: file.expected.rejected.length,
    });
    const reported = answer.body.rejections!.map((r) => ({
      orderNumber: r.orderNumber,
      codes: [...new Set(r.errors.map((e) => e.code))].sort(),
    }));
    expect(reported).toEqual(expect.arrayContaining(file.expected.rejected));
    // Each error names its row as a spreadsheet shows it (the header is row 1).
    for (const r of answer.body.rejections!)
      for (const e of r.errors) expect(e.row).toBeGreaterThanOrEqual(2);
    const stored = await p.admin
      .selectFrom('imported_orders')
      .select('platform_order_id')
      .where('shop_id', '=', shop.a)
      .execute();
    expect(stored.map((o) => o.platform_order_id).sort()).toEqual(
      [...file.expected.accepted].sort(),
    );
  });

  it('reports a refused row by its line while the good rows of the file are kept', async () => {
    const csv = [HEADER, row('578000000000000001'), row('578000000000000002', 'two')].join('\n');
    const answer = await upload(s.tenantA, shop.a, csv);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(answer.body.rejections).toEqual([
      {
        orderNumber: '578000000000000002',
        rows: [3],
        errors: [expect.objectContaining({ row: 3, column: 'Quantity', code: 'QUANTITY_INVALID' })],
      },
    ]);
  });

  it('refuses a session change without its CSRF token, or with a wrong one, writing nothing', async () => {
    const before = await importsOf(shop.a);
    const csv = [HEADER, row('578000000000000010')].join('\n');
    for (const csrf of [null, 'wrong', s.tenantB.csrf]) {
      const answer = await upload(s.tenantA, shop.a, csv, { csrf });
      expect([answer.status, answer.code], String(csrf)).toEqual([403, 'CSRF_INVALID']);
    }
    expect(await importsOf(shop.a)).toBe(before);
  });

  it("refuses another role's session and another tenant's shop", async () => {
    const csv = [HEADER, row('578000000000000020')].join('\n');
    const supplier = await upload(s.supplier, shop.a, csv);
    expect([supplier.status, supplier.code]).toEqual([401, 'UNAUTHORIZED']);
    const anonymous = await upload(undefined, shop.a, csv);
    expect([anonymous.status, anonymous.code]).toEqual([401, 'UNAUTHORIZED']);
    const other = await upload(s.tenantA, shop.b, csv);
    expect([other.status, other.code]).toEqual([404, 'SHOP_NOT_FOUND']);
    expect(await importsOf(shop.b)).toBe('0');
  });

  it('refuses empty, binary, mislabelled and unstorable uploads, writing nothing, with stable codes', async () => {
    const before = await importsOf(shop.a);
    const cases: Array<[string, Promise<Answer>, number, string]> = [
      ['empty', upload(s.tenantA, shop.a, ''), 422, 'CSV_EMPTY'],
      [
        'a zip file (an .xlsx)',
        upload(s.tenantA, shop.a, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])),
        422,
        'CSV_NOT_TEXT',
      ],
      [
        'a lone surrogate as UTF-8 bytes',
        upload(
          s.tenantA,
          shop.a,
          Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from([0xed, 0xa0, 0x80])]),
        ),
        422,
        'CSV_NOT_TEXT',
      ],
      [
        'a form',
        upload(s.tenantA, shop.a, 'a=1', { type: 'application/x-www-form-urlencoded' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'JSON',
        upload(s.tenantA, shop.a, '{}', { type: 'application/json' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a NUL in the name',
        upload(s.tenantA, shop.a, [HEADER, row('578000000000000031')].join('\n'), {
          rawFilename: 'a%00.csv',
        }),
        400,
        'INPUT_INVALID_TEXT',
      ],
    ];
    for (const [name, pending, status, code] of cases) {
      const answer = await pending;
      expect([answer.status, answer.code], name).toEqual([status, code]);
    }
    expect(await importsOf(shop.a)).toBe(before);
  });

  it('refuses a row with NUL bytes by its line and keeps the good row', async () => {
    const nul = row('578000000000000041').replace('Jane Doe', 'Jane\0Doe');
    const csv = [HEADER, row('578000000000000040'), nul].join('\n');
    const answer = await upload(s.tenantA, shop.a, csv);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body, JSON.stringify(answer.body)).toMatchObject({ accepted: 1, rejected: 1 });
    expect(answer.body.rejections![0]!.errors).toEqual([
      expect.objectContaining({ row: 3, code: 'INPUT_INVALID_TEXT' }),
    ]);
  });

  it('saves a SKU mapping file over 256 KB by the file route, each refused row by its line', async () => {
    const post = (session: Session, body: string, csrf = session.csrf) =>
      fetch(`${p.apiUrl}/portal-files/sku-mappings`, {
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          cookie: `sy_session=${session.cookie}`,
          ...(csrf && { 'x-csrf-token': csrf }),
        },
        body,
      });
    // An ignored column pads the file past tRPC's limit.
    const file = [
      'marketplace_sku_id,seller_sku,supplier_item_code,units_per_sku,note',
      `1729384756102938777,LAMP-XL,SUP-LAMP-XL,2,${'x'.repeat(300 * 1024)}`,
      '1729384756102938778,LAMP-XS,,1,',
    ].join('\r\n');
    const res = await post(s.tenantA, file);
    const body = (await res.json()) as {
      saved: number;
      refused: number;
      results: Array<{ line: number; outcome: string; code: string | null; message: string }>;
    };
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200);
    expect(body).toMatchObject({ saved: 1, refused: 1 });
    expect(body.results.map((r) => [r.line, r.outcome, r.code])).toEqual([
      [2, 'saved', null],
      [3, 'refused', 'BAD_REQUEST'],
    ]);
    expect(body.results[1]!.message).toContain('supplierItemCode');
    const stored = await p.admin
      .selectFrom('sku_mappings')
      .select(['tenant_id', 'supplier_item_code', 'units_per_sku'])
      .where('marketplace_sku_id', 'in', ['1729384756102938777', '1729384756102938778'])
      .execute();
    expect(stored).toEqual([
      { tenant_id: p.tenants[0]!.tenantId, supplier_item_code: 'SUP-LAMP-XL', units_per_sku: 2 },
    ]);

    const refusals = [
      [await post(s.tenantA, file, ''), 403, 'CSRF_INVALID'],
      [await post(s.supplier, file), 403, 'FORBIDDEN_ROLE'],
      [await post(s.tenantA, 'sku,item\r\n1,2'), 422, 'CSV_COLUMNS_MISSING'],
      [await post(s.tenantA, ''), 422, 'CSV_EMPTY'],
    ] as const;
    for (const [r, status, code] of refusals) {
      const answer = (await r.json()) as { error?: { code: string } };
      expect([r.status, answer.error?.code], code).toEqual([status, code]);
    }
  });
});
