import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './ports.ts';
import { startRoundRobin } from './round-robin.ts';

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c();
});

/** A backend that answers its name and echoes the body it got. */
async function backend(name: string): Promise<string> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => res.end(`${name}:${req.method}:${req.url}:${body}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closing.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('round-robin balancer', () => {
  it('sends requests to each backend in turn, with method, path and body', async () => {
    const backends = [await backend('a'), await backend('b')];
    const lb = await startRoundRobin({ port: await freePort(), backends: () => backends });
    closing.push(lb.close);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        await (await fetch(`${lb.url}/x?i=${i}`, { method: 'POST', body: `${i}` })).text(),
      );
    expect(answers).toEqual([
      'a:POST:/x?i=0:0',
      'b:POST:/x?i=1:1',
      'a:POST:/x?i=2:2',
      'b:POST:/x?i=3:3',
    ]);
    expect(lb.served()).toEqual([2, 2]);
  });

  it('skips a backend that refuses the connection; 502 when none is there', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const backends = [down, await backend('b')];
    const lb = await startRoundRobin({ port: await freePort(), backends: () => backends });
    closing.push(lb.close);
    for (let i = 0; i < 3; i++) expect(await (await fetch(`${lb.url}/`)).text()).toMatch(/^b:/);
    backends.pop();
    const res = await fetch(`${lb.url}/`);
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ error: { code: 'NO_BACKEND' } });
  });
});
