import { describe, expect, it } from 'vitest';
import { HEADER, kinds, orders, parse, rejected, row } from '../testing/sample-rows.ts';
import { collectEvents } from '../testing/streams.ts';
import { parseOrderExport } from './index.ts';

describe('parseOrderExport: text handling', () => {
  it('reads BOM, CRLF, quoted commas, quotes and newlines, and Chinese text split across chunks', async () => {
    const csv = `\ufeff${HEADER}\r\n${row('576461', '1', '2')}\r\n${row('576461', '2', '1')}\r\n`;
    const events = await parse(csv);
    expect(kinds(events)).toEqual(['order', 'summary']);
    const [event] = orders(events);
    expect(event?.rows).toEqual([2, 3]);
    expect(event?.order).toMatchObject({
      source: 'csv',
      platformOrderId: '576461',
      currency: 'USD',
      totalMinor: 2598n,
      carrierCode: 'USPS',
      lines: [
        { skuId: '170001', sellerSku: 'SKU-1', name: '无线蓝牙耳机, "Pro"', quantity: 2 },
        { skuId: '170002', sellerSku: 'SKU-2', name: '无线蓝牙耳机, "Pro"', quantity: 1 },
      ],
      recipient: {
        name: 'Emily Johnson',
        phone: '+12015550123',
        addressLines: ['123 Main St, Apt 4', 'Leave at door\r\nRing twice'],
        postalCode: '90012',
        country: 'US',
      },
    });
  });

  it('gives the same result for LF without BOM, and for string input', async () => {
    const crlf = `\ufeff${HEADER}\r\n${row('1', '1', '1')}\r\n`;
    const lf = `${HEADER}\n${row('1', '1', '1')}\n`;
    const fromString = await collectEvents(
      parseOrderExport(
        (async function* () {
          yield crlf;
        })(),
      ),
    );
    expect(await parse(lf, 5)).toEqual(await parse(crlf, 3));
    expect(fromString).toEqual(await parse(crlf));
  });

  it('numbers rows as a spreadsheet shows them: multi-line cells are one row, blank rows count', async () => {
    const csv = `${HEADER}\r\n${row('1', '1', '1')}\r\n\r\n${row('2', '1', '0')}\r\n`;
    const events = await parse(csv);
    expect(orders(events)[0]?.rows).toEqual([2]);
    expect(rejected(events)[0]).toMatchObject({ orderNumber: '2', rows: [4] });
    expect(events.at(-1)).toEqual({
      kind: 'summary',
      rows: 2,
      orders: 2,
      accepted: 1,
      rejected: 1,
      unattributedRows: 0,
    });
  });
});

describe('parseOrderExport: header aliases', () => {
  it('accepts Chinese seller-center headers in any order with extra columns', async () => {
    const zh = '备注,物流商,详细地址,国家,邮编,电话,收件人,数量,商品名称,卖家SKU,订单号';
    const line =
      '"礼物, 谢谢",云途,"88 Elm Street, Unit 2",美国,10001,+1 212 555 0199,王小明,3,瑜伽裤 高腰,YG-01,5770001';
    const events = await parse(`\ufeff${zh}\r\n${line}\r\n`);
    expect(orders(events)[0]?.order).toMatchObject({
      platformOrderId: '5770001',
      carrierCode: 'YUNEXPRESS',
      totalMinor: 0n,
      lines: [{ skuId: '', sellerSku: 'YG-01', name: '瑜伽裤 高腰', quantity: 3 }],
      recipient: { name: '王小明', phone: '+12125550199', country: 'US' },
    });
  });

  it('matches headers case- and space-insensitively', async () => {
    const header = HEADER.replace('Order ID', ' order  id ').replace('Phone #', 'PHONE #');
    const events = await parse(`${header}\n${row('9', '1', '1')}\n`);
    expect(kinds(events)).toEqual(['order', 'summary']);
  });
});
