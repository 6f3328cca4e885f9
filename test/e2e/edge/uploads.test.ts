import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { generateOrderExport } from '@switchyard/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../../harness/platform.ts';
import { type Answer, bearer, expectRefusal, send } from './helpers.ts';

// A large upload costs the server what its content is worth, not what its size is: a bad file
// is refused on its first rows while still arriving, the connection stays usable (or is
// closed cleanly), and nobody else waits while a big file is parsed.

const MiB = 1024 * 1024;
const piece = (text: string) => Buffer.from(text.repeat(Math.ceil((64 * 1024) / text.length)));
const COMMAS = piece(`${','.repeat(30)}\r\n`);
const BINARY = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), piece('\0')]);

/**
 * POSTs `size` bytes of `content` with Content-Length, honouring backpressure as a real
 * client does. Resolves once the request is over, with the answer and any connection error.
 */
function upload(
  url: string,
  headers: Record<string, string>,
  content: Buffer,
  size: number,
  agent: Agent,
) {
  return new Promise<{ answer?: Answer; error?: string }>((resolve) => {
    let answer: Answer | undefined;
    let error: string | undefined;
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(size) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          answer = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
            localPort: req.socket?.localPort ?? 0,
          };
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    req.on('close', () => resolve({ answer, error }));
    let sent = 0;
    const write = () => {
      while (sent < size && !req.destroyed) {
        const part = content.subarray(0, Math.min(content.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('large uploads', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ tenants: 1 });
  });
  afterAll(async () => {
    await p?.close();
  });
  const importUrl = (shopId = p.tenants[0]!.shopId) =>
    `${p.apiUrl}/v1/imports/orders?shop_id=${shopId}`;
  const csvHeaders = () => ({ ...bearer(p.tenants[0]!.apiToken), 'content-type': 'text/csv' });

  it('refuses a file of commas with 422 CSV_EMPTY while it is still arriving, and closes only after the client has finished sending', {
    timeout: 30_000,
  }, async () => {
    const { hostname, port, pathname, search } = new URL(importUrl());
    // Half-open allowed: the client keeps sending after the server's FIN, as an uploading
    // browser does, to show the server reads on instead of resetting the connection.
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
    await once(socket, 'connect');
    const errors: string[] = [];
    socket.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    const ended = new Promise((r) => socket.once('end', r));
    const head = Object.entries({
      ...csvHeaders(),
      host: hostname,
      'content-length': String(40 * MiB),
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`POST ${pathname}${search} HTTP/1.1\r\n${head}\r\n`);
    let received = '';
    socket.on('data', (d: Buffer) => {
      received += d.toString();
    });
    let sent = 0;
    const next = () => {
      const part = COMMAS.subarray(0, Math.min(COMMAS.length, 40 * MiB - sent));
      sent += part.length;
      return socket.write(part);
    };
    while (sent < MiB) next();
    // Only one MiB of the 40 is sent: an answer now comes before the upload has ended.
    while (!/\r\n\r\n[\s\S]*\}\}$/.test(received)) await once(socket, 'data');
    const [status, ...lines] = received.slice(0, received.indexOf('\r\n\r\n')).split('\r\n');
    expect(status).toBe('HTTP/1.1 422 Unprocessable Entity');
    expect(lines).toContain('connection: close');
    const body = JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4));
    expect(body.error.code).toBe('CSV_EMPTY');

    // The server has said it closes, yet reads on: the rest goes out without a reset.
    while (sent < 40 * MiB) if (!next()) await once(socket, 'drain');
    socket.end();
    await ended;
    await once(socket, 'close');
    expect(errors).toEqual([]);
    socket.destroy();
  });

  it.each([
    ['a 512 KiB image', BINARY, MiB / 2, 422, 'CSV_NOT_TEXT', true],
    ['a 40 MiB image', BINARY, 40 * MiB, 422, 'CSV_NOT_TEXT', false],
    ['a 40 MiB file of commas', COMMAS, 40 * MiB, 422, 'CSV_EMPTY', false],
    ['101 MiB, over the size limit', COMMAS, 101 * MiB, 413, 'CSV_TOO_LARGE', false],
    ['40 MiB with a bad token', COMMAS, 40 * MiB, 401, 'UNAUTHORIZED', false],
    ['40 MiB for an unknown shop', COMMAS, 40 * MiB, 404, 'SHOP_NOT_FOUND', false],
  ])(
    'answers %s early and the next request on the keep-alive connection is answered',
    { timeout: 30_000 },
    async (what, content, size, status, code, sameConnection) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const headers = what.includes('bad token')
          ? { ...csvHeaders(), ...bearer('sy_live_nobody') }
          : csvHeaders();
        const url = what.includes('unknown shop')
          ? importUrl('00000000-0000-4000-8000-000000000000')
          : importUrl();
        const { answer, error } = await upload(url, headers, content, size, agent);
        expect(error).toBeUndefined();
        expectRefusal(answer!, status, code);
        expect(answer!.headers.connection).toBe(sameConnection ? 'keep-alive' : 'close');
        const next = await send(`${p.apiUrl}/healthz`, { agent });
        expect(next.status).toBe(200);
        if (sameConnection) expect(next.localPort).toBe(answer!.localPort);
      } finally {
        agent.destroy();
      }
    },
  );

  it('answers other requests while a large file is being parsed', { timeout: 60_000 }, async () => {
    // Every order is damaged, so the import starts no order: parsing is all the work.
    const fixture = generateOrderExport({ orders: 20_000, badEvery: 1, seed: 11 });
    const file = Buffer.from(fixture.csv);
    const agent = new Agent({ keepAlive: true });
    const events: string[] = [];
    try {
      const uploading = upload(importUrl(), csvHeaders(), file, file.length, agent).then((r) => {
        events.push('upload answered');
        return r;
      });
      let answered = false;
      void uploading.then(() => {
        answered = true;
      });
      while (!answered) {
        const health = await send(`${p.apiUrl}/healthz`, { agent });
        if (!answered) events.push(`health ${health.status}`);
      }
      const { answer, error } = await uploading;
      expect(error).toBeUndefined();
      expect(answer!.status).toBe(201);
      expect(JSON.parse(answer!.text)).toMatchObject({
        accepted: 0,
        rejected: fixture.expected.rejected.length,
      });
      const inFlight = events.slice(0, events.indexOf('upload answered'));
      expect(inFlight.length).toBeGreaterThan(0);
      expect(new Set(inFlight)).toEqual(new Set(['health 200']));
    } finally {
      agent.destroy();
    }
  });
});
