/** Feeds text as UTF-8 in fixed-size byte chunks, splitting multi-byte characters on purpose. */
export async function* byteChunks(
  text: string | Uint8Array,
  size: number,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** All events of a parse, for assertions. */
export async function collectEvents<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of events) out.push(e);
  return out;
}
