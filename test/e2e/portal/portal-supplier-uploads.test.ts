import { issueSignInLink } from '@switchyard/auth/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { openDispatch } from '../bad-input/helpers.ts';
import { postFileAs, type Session, sessionOf } from './roles.ts';

// The supplier portal's file uploads (R-RT-2 answers, R-RT-1 stock; issue 12) through the api's
// file routes over real HTTP and PostgreSQL: the session cookie and its CSRF token, files past
// tRPC's 256 KB body limit, each role and each supplier only its own, stable refusals.

const ANSWER_HEADER = 'dispatch_id,action,expected_ship_at,carrier,tracking_number,reason,note';

interface Answer {
  status: number;
  code: string | null;
  body: {
    rows?: number;
    applied?: number;
    refused?: number;
    rejected?: Array<{ line: number; code: string }>;
    results?: Array<{ row: number; outcome: string; code: string | null }>;
  };
}

describe('portal file uploads: supplier answers and stock', { timeout: 240_000 }, () => {
  let p: Platform;
  const s = {} as Record<'supplierA' | 'supplierB' | 'tenant', Session>;
  let dispatchId = '';

  async function post(
    session: Session | undefined,
    path: 'answers' | 'stock',
    body: string | Uint8Array,
    opts: { csrf?: string | null; type?: string; query?: string } = {},
  ): Promise<Answer> {
    return postFileAs<Answer['body']>(
      `${p.apiUrl}/portal-files/supplier/${path}${opts.query ?? ''}`,
      session,
      body,
      opts,
    );
  }

  const dispatchStatus = async () =>
    (
      await p.admin
        .selectFrom('dispatches')
        .select('status')
        .where('id', '=', dispatchId)
        .executeTakeFirstOrThrow()
    ).status;

  beforeAll(async () => {
    p = await startPlatform({ supplierBehaviour: { mode: 'silent' } });
    const b = await p.registerIdleSupplier('factory-b');
    s.supplierA = await sessionOf(p, 'partner-key', p.partnerKey);
    s.supplierB = await sessionOf(p, 'partner-key', b.partnerKey);
    const link = await issueSignInLink(p.db, { kind: 'tenant', tenantId: p.tenants[0]!.tenantId });
    s.tenant = await sessionOf(p, 'link', link);
    dispatchId = (await openDispatch(p)).dispatchId;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('refuses without the CSRF token, from another role, and from another supplier', async () => {
    const file = `${ANSWER_HEADER}\r\n${dispatchId},ack,,,,,\r\n`;
    for (const csrf of [null, 'wrong', s.supplierB.csrf]) {
      const a = await post(s.supplierA, 'answers', file, { csrf });
      expect([a.status, a.code], String(csrf)).toEqual([403, 'CSRF_INVALID']);
    }
    const seller = await post(s.tenant, 'answers', file);
    expect([seller.status, seller.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const sellerStock = await post(s.tenant, 'stock', 'sku_code,stock\r\nA,1\r\n');
    expect([sellerStock.status, sellerStock.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const anonymous = await post(undefined, 'answers', file);
    expect([anonymous.status, anonymous.code]).toEqual([401, 'UNAUTHORIZED']);
    // Supplier B's session: supplier A's dispatch is not found, and stays as it was.
    const other = await post(s.supplierB, 'answers', file, { query: '?name=b.csv' });
    expect(other.status).toBe(200);
    expect(other.body.results).toEqual([
      expect.objectContaining({ row: 2, outcome: 'refused', code: 'DISPATCH_NOT_FOUND' }),
    ]);
    expect(await dispatchStatus()).toBe('sent');
  });

  it('applies an answer file over 256 KB: the good row kept, the bad row reported', async () => {
    const padding = 'x'.repeat(300 * 1024);
    const file = [
      ANSWER_HEADER,
      `${dispatchId},ack,,,,,${padding}`,
      'd_0000000000000000,ack,,,,,',
    ].join('\r\n');
    expect(Buffer.byteLength(file)).toBeGreaterThan(256 * 1024);
    const a = await post(s.supplierA, 'answers', file, { query: '?name=big.csv' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ rows: 2, applied: 1, refused: 1 });
    expect(a.body.results!.map((r) => [r.row, r.outcome, r.code])).toEqual([
      [2, 'applied', null],
      [3, 'refused', 'DISPATCH_NOT_FOUND'],
    ]);
    expect(await dispatchStatus()).toBe('acknowledged');
  });

  it('applies the good stock rows and reports each bad one by its line', async () => {
    const item = await p.admin
      .selectFrom('supplier_items')
      .select('supplier_item_code')
      .where('supplier_id', '=', p.supplierId)
      .executeTakeFirstOrThrow();
    const file = [
      'sku_code,stock,unit_cost',
      `${item.supplier_item_code},37,2.50`,
      `${item.supplier_item_code},-4,2.50`,
    ].join('\r\n');
    const a = await post(s.supplierA, 'stock', file);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.applied).toBe(1);
    expect(a.body.rejected).toEqual([expect.objectContaining({ line: 3 })]);
    const stored = await p.admin
      .selectFrom('supplier_items')
      .select('stock')
      .where('supplier_id', '=', p.supplierId)
      .where('supplier_item_code', '=', item.supplier_item_code)
      .executeTakeFirstOrThrow();
    expect(stored.stock).toBe(37);
  });

  it('refuses huge, empty, binary, mislabelled and unstorable uploads with stable codes', async () => {
    const files = () =>
      p.admin
        .selectFrom('supplier_files')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
    const before = await files();
    const cases: Array<[string, () => Promise<Answer>, number, string]> = [
      [
        'huge',
        () => post(s.supplierA, 'answers', 'a'.repeat(1024 * 1024 + 1)),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['empty answers', () => post(s.supplierA, 'answers', ''), 422, 'CSV_EMPTY'],
      ['empty stock', () => post(s.supplierA, 'stock', ''), 422, 'CSV_EMPTY'],
      [
        'stock not UTF-8',
        () => post(s.supplierA, 'stock', new Uint8Array([0x73, 0x6b, 0xed, 0xa0, 0x80])),
        422,
        'CSV_NOT_TEXT',
      ],
      [
        'a form',
        () => post(s.supplierA, 'stock', 'a=1', { type: 'application/x-www-form-urlencoded' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'a NUL in the name',
        () => post(s.supplierA, 'answers', `${ANSWER_HEADER}\r\n`, { query: '?name=a%00.csv' }),
        400,
        'INPUT_INVALID_TEXT',
      ],
    ];
    for (const [name, send, status, code] of cases) {
      const a = await send();
      expect([a.status, a.code], name).toEqual([status, code]);
    }
    expect(await files()).toEqual(before);
  });
});
