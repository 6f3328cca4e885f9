import { once } from 'node:events';
import { type Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type EdgePolicyOverrides, serveApi } from '@switchyard/api';
import { expect } from 'vitest';
import type { Platform } from '../../harness/platform.ts';

// Shared helpers of the edge suites: limits, caps, headers and connection handling, tested
// over real sockets (node:http), so a test chooses the source address and the connection.

/**
 * A second api over the same platform (database, Temporal, simulators), with its own edge
 * policy and its own buckets: how a test sets low limits without slowing the platform's api.
 */
export async function startApi(p: Platform, edge: EdgePolicyOverrides) {
  const app = createApp({ ...p.apiDeps, edge });
  const server = serveApi(app.fetch, { port: 0, hostname: '127.0.0.1' });
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Local port of the connection the answer came on: equal ports, same connection. */
  localPort: number;
}

/** One request over node:http; `agent: false` (the default) uses a connection of its own. */
export function send(
  url: string,
  opts: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    localAddress?: string;
    agent?: Agent | false;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        localAddress: opts.localAddress,
        agent: opts.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            localPort: req.socket?.localPort ?? 0,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A tRPC query URL; several paths make one batch, each with the same input. */
export function trpcUrl(base: string, paths: string[], input: unknown = {}) {
  if (paths.length === 1)
    return `${base}/trpc/${paths[0]}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const inputs = Object.fromEntries(paths.map((_, i) => [i, input]));
  return `${base}/trpc/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

/** A refusal with a stable code: `{ error: { code } }`, or tRPC's envelope under /trpc. */
export function expectRefusal(answer: Answer, status: number, code: string) {
  const body = JSON.parse(answer.text) as {
    error?: { code?: unknown; data?: { appCode?: string; httpStatus?: number } };
  };
  const got = body.error?.data ? body.error.data.appCode : body.error?.code;
  expect({ status: answer.status, code: got }, answer.text).toEqual({ status, code });
  if (body.error?.data) expect(body.error.data.httpStatus).toBe(status);
}

/** A 429 with its stable code and a whole number of seconds to wait. */
export function expectRateLimited(answer: Answer) {
  expectRefusal(answer, 429, 'RATE_LIMITED');
  expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
}
