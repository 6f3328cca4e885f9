import { CsvFileError } from './types.ts';

/**
 * Turns the uploaded bytes into text, refusing anything that is not UTF-8 text. The check
 * runs on every chunk, so the first chunk catches binary uploads (images, xlsx) before any
 * row is read, and a bad byte later still fails the file instead of becoming U+FFFD in an
 * address. Multi-byte characters split across chunks are joined by the streaming decoder.
 * U+0000 is valid UTF-8: a header holding one fails the file, a row holding one is rejected
 * on its own (parse-order-export, row).
 */
export async function* decodeText(
  input: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string> {
  // fatal: invalid UTF-8 throws; ignoreBOM false (default) strips one leading BOM.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  let first = true;
  // Tiny network chunks are batched so the parser is not called per few bytes; the batch
  // is bounded, so memory stays flat whatever the file size.
  let pending = '';
  for await (const chunk of input) {
    let text: string;
    if (typeof chunk === 'string') {
      text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      if (first) refuseKnownBinary(chunk);
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(offset);
      }
      offset += chunk.byteLength;
    }
    if (chunk.length > 0) first = false;
    pending += text;
    if (pending.length >= BATCH_CHARS) {
      yield pending;
      pending = '';
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw notUtf8(offset);
  }
  pending += tail;
  if (pending) yield pending;
}

const BATCH_CHARS = 64 * 1024;

function notUtf8(byteOffset: number): CsvFileError {
  // Excel in a Chinese locale saves "CSV" as GBK; that is the usual cause, so say so.
  return new CsvFileError(
    'CSV_NOT_TEXT',
    'The file is not UTF-8 text. If it was re-saved in Excel, save it as "CSV UTF-8" (GBK is not supported).',
    { reason: 'invalid_utf8', nearByte: byteOffset },
  );
}

/** Signatures worth naming in the message, since sellers upload these by mistake. */
function refuseKnownBinary(head: Uint8Array): void {
  const b0 = head[0];
  const b1 = head[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new CsvFileError(
      'CSV_NOT_TEXT',
      'The file is UTF-16 ("Unicode text"); export it again as CSV UTF-8.',
      { reason: 'utf16' },
    );
  }
  if (b0 === 0x50 && b1 === 0x4b) {
    throw new CsvFileError(
      'CSV_NOT_TEXT',
      'The file is a zip or .xlsx workbook, not CSV; export the orders as CSV.',
      { reason: 'zip' },
    );
  }
}
