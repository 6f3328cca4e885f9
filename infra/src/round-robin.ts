import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** Requests sent to each backend so far, in backend order. */
  served(): number[];
  close(): Promise<void>;
}

/**
 * A local load balancer in front of several api processes, as a cluster's Service is: each
 * request goes to the next backend in turn; a backend that refuses the connection (being
 * restarted) is skipped for that request and the next one tried; only when none takes it, or a
 * backend drops a request it had taken, does the caller get a 502. Bodies are buffered, so a
 * refused request is sent whole to another backend.
 */
export async function startRoundRobin(opts: {
  port: number;
  backends: () => readonly string[];
}): Promise<RoundRobin> {
  let next = 0;
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const backends = opts.backends();
      const start = next++;
      const tryBackend = (i: number) => {
        if (i >= backends.length) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NO_BACKEND' } }));
          return;
        }
        const target = new URL(backends[(start + i) % backends.length]!);
        const out = request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: `${target.hostname}:${target.port}` },
          },
          (answer) => {
            counts.set(target.href, (counts.get(target.href) ?? 0) + 1);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', (err: NodeJS.ErrnoException) => {
          // A refused connection reached nothing: the next backend may take the request. A reset
          // may come after the backend acted, so the caller gets a 502 and retries if it may.
          if (res.headersSent) res.destroy();
          else if (err.code === 'ECONNREFUSED') tryBackend(i + 1);
          else {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'BACKEND_RESET' } }));
          }
        });
        out.end(body);
      };
      tryBackend(0);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => opts.backends().map((b) => counts.get(new URL(b).href) ?? 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
