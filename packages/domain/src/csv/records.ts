import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, Parser } from 'csv-parse';
import { CsvFileError } from './types.ts';

/**
 * A real export row is 1-3 KB. A record far larger than that is almost always an unclosed
 * quote swallowing the rest of the file; failing at this size keeps memory bounded.
 */
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * The parser is synchronous: whatever it is handed, it parses before anything else on the
 * thread runs. Text goes in slices this small, with a turn of the event loop after each, so
 * a large upload never holds up the requests next to it (webhooks are owed an answer in ~3 s).
 */
const SLICE_CHARS = 4 * 1024;

/**
 * Streams CSV records out of text chunks with csv-parse, honouring backpressure so only a
 * few chunks are ever buffered, and yielding to the event loop between slices of text. Every
 * parser error (unclosed or stray quote, oversized record) becomes CSV_MALFORMED: a broken quote shifts every later field, so no row after
 * it can be trusted. Column-count differences are left to the caller (relax_column_count),
 * which can attribute them to an order instead of failing the whole file.
 */
export async function* readRecords(text: AsyncIterable<string>): AsyncGenerator<string[]> {
  const parser = new Parser({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  const stop = new AbortController();
  const feeding = feed(text, parser, stop.signal);
  try {
    for await (const record of parser) yield record as string[];
    await feeding;
  } catch (error) {
    throw toFileError(error);
  } finally {
    // Early exit by the consumer: release the parser and unblock a feeder waiting on drain.
    stop.abort();
    parser.destroy();
  }
}

async function feed(text: AsyncIterable<string>, parser: Parser, signal: AbortSignal) {
  // max_record_size counts field contents only, so a row made of delimiters (a file of
  // commas) would grow without bound at about a microsecond per comma. Raw characters since
  // the last complete record are counted too; a slice that completes a record resets them.
  let sinceRecord = 0;
  let records = 0;
  try {
    for await (const chunk of text) {
      for (let at = 0; at < chunk.length; at += SLICE_CHARS) {
        if (signal.aborted) return;
        const slice = chunk.slice(at, at + SLICE_CHARS);
        const open = parser.write(slice);
        if (parser.info.records === records) sinceRecord += slice.length;
        else [records, sinceRecord] = [parser.info.records, 0];
        if (sinceRecord > MAX_RECORD_BYTES) throw recordTooLong(parser.info.lines);
        if (!open) await once(parser, 'drain', { signal });
        await nextTurn(undefined, { signal });
      }
    }
    parser.end();
  } catch (error) {
    // Decoding errors travel through the parser so the reader sees exactly one failure.
    if (!signal.aborted) parser.destroy(error as Error);
  }
}

function recordTooLong(line: number | undefined): CsvFileError {
  const where = line === undefined ? '' : ` near line ${line}`;
  return new CsvFileError(
    'CSV_MALFORMED',
    `A row${where} is longer than ${MAX_RECORD_BYTES} bytes, usually a quote that is never closed.`,
    { parserCode: 'CSV_MAX_RECORD_SIZE', line },
  );
}

function toFileError(error: unknown): unknown {
  if (error instanceof CsvFileError || !(error instanceof CsvError)) return error;
  // The record itself is buyer data (names, phones): report where, never what.
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  if (error.code === 'CSV_MAX_RECORD_SIZE') return recordTooLong(line);
  const where = line === undefined ? '' : ` near line ${line}`;
  return new CsvFileError(
    'CSV_MALFORMED',
    `The CSV quoting is broken${where} (${error.code}); fix the file and upload it again.`,
    { parserCode: error.code, line },
  );
}
