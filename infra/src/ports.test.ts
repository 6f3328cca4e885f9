import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRange, freePort, isAddressInUse } from './ports.ts';

const listen = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });

describe('freePort', () => {
  it('hands out distinct, bindable ports that no ephemeral allocation can take meanwhile', async () => {
    const [lo, hi] = ephemeralRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(10_000);
      expect(port < lo || port > hi).toBe(true);
      await listen(port);
    }
  });

  it('stays below a cap, outside the ephemeral range where the cap leaves room', async () => {
    const [lo, hi] = ephemeralRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort({ below: 32768 })));
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeLessThan(32768);
      if (lo > 10_000) expect(port < lo || port > hi).toBe(true);
      await listen(port);
    }
  });
});

describe('isAddressInUse', () => {
  it('recognises the bind errors of Go, Node and PostgreSQL', () => {
    expect(isAddressInUse('listen tcp 127.0.0.1:4000: bind: address already in use')).toBe(true);
    expect(isAddressInUse('Error: listen EADDRINUSE: address already in use 127.0.0.1:4000')).toBe(
      true,
    );
    expect(isAddressInUse('could not bind IPv4 address "127.0.0.1": Address already in use')).toBe(
      true,
    );
    expect(isAddressInUse('FATAL: the database system is starting up')).toBe(false);
  });
});
