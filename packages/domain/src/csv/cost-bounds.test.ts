import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { generateOrderExport } from '../testing/order-export/index.ts';
import { byteChunks, collectEvents } from '../testing/streams.ts';
import { MAX_BLANK_RUN, parseOrderExport } from './index.ts';
import { MAX_RECORD_BYTES } from './records.ts';

// What a file costs the server is bounded by what it could contain, not by its size: files of
// delimiters are refused within their first rows, and no slice of parsing holds the thread.

const MiB = 1024 * 1024;

/** 8 MiB made of one repeated piece; counts the bytes the parser pulled. */
function repeated(piece: string) {
  const chunk = new TextEncoder().encode(piece.repeat(Math.ceil((64 * 1024) / piece.length)));
  const read = { bytes: 0 };
  async function* input() {
    while (read.bytes < 8 * MiB) {
      read.bytes += chunk.length;
      yield chunk;
    }
  }
  return { input: input(), read };
}

const header = generateOrderExport({ orders: 1, seed: 1 }).csv.split('\r\n')[0]!;

describe('parseOrderExport: the cost of a file is bounded', () => {
  it.each([
    ['empty lines', '\n'],
    ['lines of commas', `${','.repeat(60)}\r\n`],
    ['quoted empty cells', '"","",""\n'],
  ])('refuses %s with CSV_EMPTY after its first rows, reading no further', async (_, piece) => {
    const { input, read } = repeated(piece);
    const events = await collectEvents(parseOrderExport(input));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'file_error',
        code: 'CSV_EMPTY',
        details: expect.objectContaining({ reason: 'blank_rows' }),
      }),
    ]);
    expect(read.bytes).toBeLessThan(MiB);
  });

  it('refuses a run of empty rows after the header with CSV_MALFORMED, reading no further', async () => {
    const { input, read } = repeated(`${','.repeat(60)}\r\n`);
    async function* withHeader() {
      yield new TextEncoder().encode(`${header}\r\n`);
      yield* input;
    }
    const events = await collectEvents(parseOrderExport(withHeader()));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'file_error',
        code: 'CSV_MALFORMED',
        details: expect.objectContaining({ reason: 'blank_rows', row: MAX_BLANK_RUN + 2 }),
      }),
    ]);
    expect(read.bytes).toBeLessThan(MiB);
  });

  it('refuses one endless row of commas (no field content to count) with CSV_MALFORMED', async () => {
    const { input, read } = repeated(',');
    const events = await collectEvents(parseOrderExport(input));
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'file_error',
        code: 'CSV_MALFORMED',
        details: expect.objectContaining({ parserCode: 'CSV_MAX_RECORD_SIZE' }),
      }),
    ]);
    expect(read.bytes).toBeLessThan(MAX_RECORD_BYTES + MiB);
  });

  it(`keeps an export with ${MAX_BLANK_RUN} empty rows between its orders`, async () => {
    const [head, ...rows] = generateOrderExport({ orders: 3, seed: 2 }).csv.trimEnd().split('\r\n');
    const gap = Array.from({ length: MAX_BLANK_RUN }, () => ',,,').join('\r\n');
    const csv = [head, rows[0], gap, ...rows.slice(1), gap, ''].join('\r\n');
    const events = await collectEvents(parseOrderExport(byteChunks(csv, 4096)));
    expect(events.filter((e) => e.kind === 'file_error')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ kind: 'summary', rows: rows.length });
  });

  it('lets other work run between slices while a large file given as one chunk is parsed', async () => {
    const { csv } = generateOrderExport({ orders: 3_000, seed: 4 });
    let turns = 0;
    let parsing = true;
    const ticker = (async () => {
      while (parsing) {
        await nextTurn();
        turns++;
      }
    })();
    const events = await collectEvents(
      parseOrderExport(
        (async function* () {
          yield csv;
        })(),
      ),
    );
    const turnsWhileParsing = turns;
    parsing = false;
    await ticker;
    expect(events.at(-1)).toMatchObject({ kind: 'summary' });
    // One turn per slice of text at least: the parser never held the thread for the whole file.
    expect(turnsWhileParsing).toBeGreaterThan(csv.length / (64 * 1024));
  });
});
