import { request } from 'node:http';

/** Files of nothing but commas: one long line, or empty rows as wide as an export. */
export function commaFile(bytes: number, shape: 'one line' | 'empty rows'): Buffer {
  if (shape === 'one line') return Buffer.alloc(bytes, ',');
  const row = `${','.repeat(60)}\r\n`;
  return Buffer.from(row.repeat(Math.ceil(bytes / row.length)).slice(0, bytes));
}

/**
 * POSTs a body over a connection of its own, as a client with the whole file does. `answered`
 * is the time to the answer, `done` the time until the exchange is over.
 */
export function postFile(url: string, headers: Record<string, string>, body: Buffer) {
  const t0 = performance.now();
  return new Promise<{ status: number; answeredMs: number; doneMs: number; text: string }>(
    (resolve, reject) => {
      let answer: { status: number; answeredMs: number; text: string } | undefined;
      const req = request(
        url,
        {
          method: 'POST',
          agent: false,
          headers: { ...headers, 'content-length': String(body.length) },
        },
        (res) => {
          const answeredMs = performance.now() - t0;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            answer = {
              status: res.statusCode ?? 0,
              answeredMs,
              text: Buffer.concat(chunks).toString(),
            };
          });
        },
      );
      req.on('error', (err) => (answer ? undefined : reject(err)));
      req.on('close', () =>
        answer
          ? resolve({ ...answer, doneMs: performance.now() - t0 })
          : reject(new Error('no answer')),
      );
      req.end(body);
    },
  );
}

/** Latencies of `/healthz`, asked one after the other until `until` settles. */
export async function healthLatencies(apiUrl: string, until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void until.finally(() => {
    settled = true;
  });
  const ms: number[] = [];
  while (!settled) {
    const t0 = performance.now();
    await (await fetch(`${apiUrl}/healthz`)).text();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b);
}

/** `p50 / p99 / max` of sorted latencies, in ms. */
export function spread(sorted: number[]): string {
  if (sorted.length === 0) return 'no sample';
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const f = (v: number) => (v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
  return `${f(at(0.5))} / ${f(at(0.99))} / ${f(sorted.at(-1)!)} (${sorted.length} requests)`;
}
