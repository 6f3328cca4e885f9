import { describe, expect, it } from 'vitest';
import { HEADER, kinds, orders, parse, rejected, row } from '../testing/sample-rows.ts';

describe('parseOrderExport: row checks', () => {
  it('sums quantities per SKU and joins rows of one order that are not contiguous', async () => {
    const csv = [HEADER, row('1', '7', '2'), row('2', '1', '1'), row('1', '7', '3')].join('\n');
    const events = await parse(csv);
    expect(orders(events).map((e) => [e.orderNumber, e.rows])).toEqual([
      ['1', [2, 4]],
      ['2', [3]],
    ]);
    expect(orders(events)[0]?.order.lines).toEqual([
      { skuId: '170007', sellerSku: 'SKU-7', name: '无线蓝牙耳机, "Pro"', quantity: 5 },
    ]);
  });

  it.each([
    { code: 'ORDER_ID_MISSING', line: row('', '1', '1'), orderNumber: null, column: 'Order ID' },
    {
      code: 'ORDER_ID_INVALID',
      line: row('5.76461E+17', '1', '1'),
      orderNumber: '5.76461E+17',
      column: 'Order ID',
    },
    { code: 'QUANTITY_INVALID', line: row('1', '1', '1.5'), orderNumber: '1', column: 'Quantity' },
    {
      code: 'RECIPIENT_MISSING',
      line: row('1', '1', '1', { recipient: '' }),
      orderNumber: '1',
      column: 'Recipient',
    },
    {
      code: 'PHONE_INVALID',
      line: row('1', '1', '1', { phone: '2015550123' }),
      orderNumber: '1',
      column: 'Phone #',
    },
    {
      code: 'ADDRESS_MISSING',
      line: row('1', '1', '1', { address: '' }),
      orderNumber: '1',
      column: 'Detail Address',
    },
    {
      code: 'COUNTRY_UNKNOWN',
      line: row('1', '1', '1', { country: 'Narnia' }),
      orderNumber: '1',
      column: 'Country',
    },
    {
      code: 'CARRIER_UNKNOWN',
      line: row('1', '1', '1', { carrier: 'Pony Express' }),
      orderNumber: '1',
      column: 'Shipping Provider Name',
    },
    {
      code: 'AMOUNT_INVALID',
      line: row('1', '1', '1', { amount: '-3' }),
      orderNumber: '1',
      column: 'Order Amount',
    },
    {
      code: 'ROW_COLUMNS_MISMATCH',
      line: `${row('1', '1', '1')},surplus`,
      orderNumber: '1',
      column: '(row)',
    },
  ])('rejects a row with $code', async ({ line, orderNumber, column, code }) => {
    const events = await parse(`${HEADER}\n${line}\n`);
    expect(kinds(events)).toEqual(['rejected', 'summary']);
    expect(rejected(events)[0]).toMatchObject({
      orderNumber,
      rows: [2],
      errors: [{ row: 2, column, code }],
    });
  });

  it('rejects the whole order when one of its rows is bad or contradicts another', async () => {
    const csv = [
      HEADER,
      row('1', '1', '1'),
      row('1', '2', 'x'),
      row('2', '1', '1'),
      row('2', '2', '1', { address: '"9 Other Rd, Elsewhere"' }),
    ].join('\r\n');
    const events = await parse(csv);
    expect(orders(events)).toEqual([]);
    expect(
      rejected(events).map((e) => [e.orderNumber, e.rows, e.errors.map((x) => x.code)]),
    ).toEqual([
      ['1', [2, 3], ['QUANTITY_INVALID']],
      ['2', [4, 5], ['ORDER_CONFLICT']],
    ]);
  });

  it('holds back an order when a row with its recipient has lost its order id', async () => {
    const csv = [
      HEADER,
      row('1', '1', '1'),
      row('', '2', '1'),
      row('2', '1', '1', { recipient: 'Other' }),
    ];
    const events = await parse(csv.join('\n'));
    expect(rejected(events).map((e) => [e.orderNumber, e.errors.map((x) => x.code)])).toEqual([
      ['1', ['ORDER_ROW_UNATTRIBUTED']],
      [null, ['ORDER_ID_MISSING']],
    ]);
    expect(orders(events).map((e) => e.orderNumber)).toEqual(['2']);
  });

  it('uses the Currency column when present and the country default otherwise', async () => {
    const header = `${HEADER},Currency`;
    const csv = [
      header,
      `${row('1', '1', '1', { amount: '"1,234.50"' })},usd`,
      `${row('2', '1', '1', { country: 'JP', amount: '1200' })},`,
    ];
    const events = await parse(csv.join('\n'));
    expect(orders(events).map((e) => [e.order.currency, e.order.totalMinor])).toEqual([
      ['USD', 123450n],
      ['JPY', 1200n],
    ]);
  });

  it('rejects rows holding text PostgreSQL cannot store, naming the cell, and keeps the rest', async () => {
    const csv = [
      HEADER,
      row('1', '1', '1'),
      row('2', '1', '1', { recipient: 'Ann\u0000Lee' }),
      row('2', '2', '1'),
      row('3\u0000', '1', '1', { recipient: 'Bo' }),
    ].join('\r\n');
    const events = await parse(csv);
    expect(orders(events).map((e) => e.orderNumber)).toEqual(['1']);
    expect(rejected(events).map((e) => [e.orderNumber, e.rows, e.errors[0]])).toEqual([
      [
        '2',
        [3, 4],
        expect.objectContaining({ row: 3, column: 'Recipient', code: 'INPUT_INVALID_TEXT' }),
      ],
      // The id itself cannot be stored: the row names no order.
      [null, [5], expect.objectContaining({ column: 'Order ID', code: 'INPUT_INVALID_TEXT' })],
    ]);
    // Nothing in the report quotes the bad cell: the report is stored.
    expect(JSON.stringify(rejected(events))).not.toContain('\\u0000');
  });
});
