import { once } from 'node:events';
import { CsvError, Parser } from 'csv-parse';
import { CsvFileError } from './types.ts';

/**
 * A real export row is 1-3 KB. A record far larger than that is almost always an unclosed
 * quote swallowing the rest of the file; failing at this size keeps memory bounded.
 */
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Streams CSV records out of text chunks with csv-parse, honouring backpressure so only a
 * few chunks are ever buffered. Every parser error (unclosed or stray quote, oversized
 * record) becomes CSV_MALFORMED: a broken quote shifts every later field, so no row after
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
  try {
    for await (const chunk of text) {
      if (signal.aborted) return;
      if (!parser.write(chunk)) await once(parser, 'drain', { signal });
    }
    parser.end();
  } catch (error) {
    // Decoding errors travel through the parser so the reader sees exactly one failure.
    if (!signal.aborted) parser.destroy(error as Error);
  }
}

function toFileError(error: unknown): unknown {
  if (error instanceof CsvFileError || !(error instanceof CsvError)) return error;
  // The record itself is buyer data (names, phones): report where, never what.
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  const where = line === undefined ? '' : ` near line ${line}`;
  const message =
    error.code === 'CSV_MAX_RECORD_SIZE'
      ? `A row${where} is longer than ${MAX_RECORD_BYTES} bytes, usually a quote that is never closed.`
      : `The CSV quoting is broken${where} (${error.code}); fix the file and upload it again.`;
  return new CsvFileError('CSV_MALFORMED', message, { parserCode: error.code, line });
}
