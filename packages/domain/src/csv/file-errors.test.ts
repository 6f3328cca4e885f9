import { describe, expect, it } from 'vitest';
import { generateOrderExport } from '../testing/order-export/index.ts';
import { byteChunks, collectEvents } from '../testing/streams.ts';
import { type CsvEvent, parseOrderExport } from './index.ts';

const parseBytes = (bytes: Uint8Array, size = 7) =>
  collectEvents(parseOrderExport(byteChunks(bytes, size)));
const parseText = (text: string, size = 7, maxRows?: number) =>
  collectEvents(parseOrderExport(byteChunks(text, size), { maxRows }));
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A file error must be the only event: nothing from the file may be imported. */
function expectOnlyFileError(events: CsvEvent[], code: string) {
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ kind: 'file_error', code });
  expect((events[0] as { message: string }).message.length).toBeGreaterThan(10);
}

const good = generateOrderExport({ orders: 40, seed: 5 }).csv;
const [header, ...body] = good.split('\r\n');

describe('parseOrderExport: file errors', () => {
  it.each([
    ['zero bytes', ''],
    ['a BOM only', '\ufeff'],
    ['blank lines only', '\r\n \r\n,,,\r\n'],
  ])('reports CSV_EMPTY for %s', async (_, text) => {
    expectOnlyFileError(await parseText(text), 'CSV_EMPTY');
  });

  it('reports CSV_EMPTY for a header without rows', async () => {
    const events = await parseText(`${header}\r\n`);
    expectOnlyFileError(events, 'CSV_EMPTY');
  });

  it('reports CSV_COLUMNS_MISSING with the missing columns for another kind of export', async () => {
    const products = 'Product ID,Product Name,Price,Stock\r\n1,Mug,9.99,4\r\n';
    const events = await parseText(products);
    expectOnlyFileError(events, 'CSV_COLUMNS_MISSING');
    expect(events[0]).toMatchObject({
      details: {
        missing: expect.arrayContaining(['Order ID', 'Recipient', 'Shipping Provider Name']),
      },
    });
  });

  it('reports CSV_COLUMNS_MISSING when one required column is gone', async () => {
    const events = await parseText(good.replace('Phone #', 'Telephone Notes'));
    expectOnlyFileError(events, 'CSV_COLUMNS_MISSING');
    expect(events[0]).toMatchObject({ details: { missing: ['Phone #'] } });
  });

  it('reports CSV_COLUMNS_DUPLICATE when two columns mean the same field', async () => {
    const events = await parseText(good.replace('Buyer Message', '订单号'));
    expectOnlyFileError(events, 'CSV_COLUMNS_DUPLICATE');
  });

  it.each([
    ['a PNG image', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['an xlsx workbook', concat(utf8('PK\x03\x04'), new Uint8Array([20, 0, 6, 0]))],
    ['UTF-16 text', concat(new Uint8Array([0xff, 0xfe]), utf8('O\0r\0d\0'))],
    ['GBK text from Excel', concat(utf8('Order ID,'), new Uint8Array([0xb6, 0xa9, 0xb5, 0xa5]))],
    ['NUL bytes in ASCII', utf8('Order ID,SKU\0\0\0ID\r\n')],
    // UTF-8 cannot encode an unpaired surrogate; its CESU-8 bytes are refused, never decoded.
    [
      'an encoded unpaired surrogate',
      concat(utf8('Order ID,'), new Uint8Array([0xed, 0xa0, 0x80])),
    ],
  ])('reports CSV_NOT_TEXT for %s', async (_, bytes) => {
    expectOnlyFileError(await parseBytes(bytes), 'CSV_NOT_TEXT');
  });

  it('reports CSV_NOT_TEXT for a bad byte deep in the file, with no order event before it', async () => {
    const bytes = concat(utf8(good), new Uint8Array([0xc3, 0x28]), utf8(',x\r\n'));
    expectOnlyFileError(await parseBytes(bytes, 64), 'CSV_NOT_TEXT');
  });

  it('reports CSV_MALFORMED for a quote that is never closed near the end of the file', async () => {
    const text = `${good}576499,"Awaiting shipment,1\r\n`;
    const events = await parseText(text, 4096);
    expectOnlyFileError(events, 'CSV_MALFORMED');
    expect(events[0]).toMatchObject({ details: { parserCode: 'CSV_QUOTE_NOT_CLOSED' } });
  });

  it('reports CSV_MALFORMED for a stray quote mid-file, never its contents', async () => {
    const broken = body[5]!.replace('Standard shipping', 'Standard "ship" ping');
    const events = await parseText(
      [header, ...body.slice(0, 5), broken, ...body.slice(6)].join('\r\n'),
    );
    expectOnlyFileError(events, 'CSV_MALFORMED');
    expect(JSON.stringify(events[0])).not.toContain('Standard');
  });

  it('reports CSV_TOO_LARGE past maxRows', async () => {
    expectOnlyFileError(await parseText(good, 512, 10), 'CSV_TOO_LARGE');
  });

  it('stops reading the input after a file error', async () => {
    let chunksRead = 0;
    async function* input() {
      yield new Uint8Array([0xff, 0xfe, 0x00]);
      for (;;) {
        chunksRead++;
        yield utf8('more\r\n');
      }
    }
    expectOnlyFileError(await collectEvents(parseOrderExport(input())), 'CSV_NOT_TEXT');
    expect(chunksRead).toBe(0);
  });
});
