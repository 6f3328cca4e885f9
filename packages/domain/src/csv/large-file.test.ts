import { describe, expect, it } from 'vitest';
import { generateOrderExport } from '../testing/order-export/index.ts';
import { byteChunks, collectEvents } from '../testing/streams.ts';
import { type CsvEvent, parseOrderExport } from './index.ts';

/** The report reduced to what the fixture predicts: accepted ids and codes per rejection. */
function report(events: CsvEvent[]) {
  const accepted: string[] = [];
  const rejected: Array<{ orderNumber: string | null; codes: string[] }> = [];
  for (const e of events) {
    if (e.kind === 'order') accepted.push(e.orderNumber);
    if (e.kind === 'rejected') {
      const codes = [...new Set(e.errors.map((x) => x.code))].sort();
      rejected.push({ orderNumber: e.orderNumber, codes });
    }
  }
  return { accepted, rejected };
}

const byKey = (a: { orderNumber: string | null; codes: string[] }) =>
  `${a.orderNumber ?? '~'} ${a.codes.join(',')}`;
const sorted = <T>(items: T[], key: (t: T) => string) =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('parseOrderExport: a 100,000-row export', () => {
  it('streams 7-byte chunks into the exact expected report', { timeout: 120_000 }, async () => {
    const fixture = generateOrderExport({ orders: 50_000, badEvery: 97, seed: 7 });
    expect(fixture.rows).toBeGreaterThanOrEqual(100_000);
    const started = performance.now();
    const events = await collectEvents(parseOrderExport(byteChunks(fixture.csv, 7)));
    const seconds = (performance.now() - started) / 1000;
    console.info(`100k-row export in 7-byte chunks: ${Math.round(fixture.rows / seconds)} rows/s`);

    const got = report(events);
    expect(got.accepted).toEqual(fixture.expected.accepted);
    expect(sorted(got.rejected, byKey)).toEqual(sorted(fixture.expected.rejected, byKey));
    expect(events.filter((e) => e.kind === 'file_error')).toEqual([]);
    const nulls = fixture.expected.rejected.filter((r) => r.orderNumber === null).length;
    expect(events.at(-1)).toEqual({
      kind: 'summary',
      rows: fixture.rows,
      orders:
        50_000 -
        nulls +
        fixture.expected.rejected.filter((r) => r.codes[0] === 'ORDER_ROW_UNATTRIBUTED').length,
      accepted: fixture.expected.accepted.length,
      rejected: fixture.expected.rejected.length - nulls,
      unattributedRows: nulls,
    });
    // Every data row is accounted for exactly once (nothing silently dropped, R-IN-3).
    const rows = events.flatMap((e) => (e.kind === 'order' || e.kind === 'rejected' ? e.rows : []));
    expect(new Set(rows).size).toBe(fixture.rows);
  });

  it('gives identical events on every parse, whatever the chunking', async () => {
    const { csv } = generateOrderExport({ orders: 3_000, badEvery: 11, seed: 99, eol: '\n' });
    const first = await collectEvents(parseOrderExport(byteChunks(csv, 7)));
    const again = await collectEvents(parseOrderExport(byteChunks(csv, 1_000)));
    const asText = await collectEvents(
      parseOrderExport(
        (async function* () {
          yield csv;
        })(),
      ),
    );
    expect(again).toEqual(first);
    expect(asText).toEqual(first);
    expect(first.filter((e) => e.kind === 'rejected').length).toBeGreaterThan(250);
  });

  it('reads the same orders from a Chinese-header export', async () => {
    const en = generateOrderExport({ orders: 500, badEvery: 7, seed: 3 });
    const zh = generateOrderExport({ orders: 500, badEvery: 7, seed: 3, language: 'zh' });
    expect(zh.csv).toContain('订单号');
    const strip = (events: CsvEvent[]) =>
      events.map((e) =>
        e.kind === 'rejected' ? { ...e, errors: e.errors.map((x) => x.code) } : e,
      );
    const [a, b] = await Promise.all(
      [en, zh].map((f) => collectEvents(parseOrderExport(byteChunks(f.csv, 13)))),
    );
    expect(strip(b!)).toEqual(strip(a!));
  });
});
