import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The kernel's ephemeral range: every `listen(0)` and every outbound connection of every
 * process draws its port from here, so a port from this range that we pick now and bind later
 * can be taken in between. Linux publishes the range; elsewhere assume the IANA one.
 */
export function ephemeralRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (lo && hi && lo <= hi) return [lo, hi];
  } catch {
    // not Linux
  }
  return [49152, 65535];
}

// Below 10000 live the well-known development ports (5432, 7233, 8080 …).
const LOWEST = 10_000;
const handedOut = new Set<number>();

/**
 * A TCP port on loopback that is free now and that no ephemeral allocation will take before we
 * bind it: chosen at random outside the ephemeral range, then checked by binding it. Only for
 * listeners that cannot bind port 0 themselves and report back (PostgreSQL, the Temporal CLI,
 * services whose URLs must be known before they start). `below` caps the port for listeners
 * that cannot take any port (Temporal stores its membership ports in a small-integer column).
 */
export async function freePort(opts: { below?: number } = {}): Promise<number> {
  const top = Math.min(65536, opts.below ?? 65536) - 1; // highest port allowed
  const [lo, hi] = ephemeralRange();
  const candidates: Array<[number, number]> = [
    [LOWEST, Math.min(lo - 1, top)],
    [Math.max(hi + 1, LOWEST), top],
  ];
  const spans = candidates.filter(([a, b]) => a <= b);
  // When the ephemeral range covers every port allowed, race the kernel inside it: still
  // checked by binding, and a lost race surfaces as "address already in use".
  if (spans.length === 0) {
    if (opts.below === undefined) return kernelPort();
    spans.push([Math.min(LOWEST, top), top]);
  }
  const size = spans.reduce((n, [a, b]) => n + b - a + 1, 0);
  for (let i = 0; i < 50; i++) {
    let n = Math.floor(Math.random() * size);
    let port = 0;
    for (const [a, b] of spans) {
      if (n <= b - a) {
        port = a + n;
        break;
      }
      n -= b - a + 1;
    }
    if (handedOut.has(port)) continue;
    if (await bindable(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found outside the ephemeral range after 50 tries');
}

/** True when a listener's output says its address was taken: a port race it lost. */
export function isAddressInUse(output: string): boolean {
  return /address already in use|EADDRINUSE/i.test(output);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Fallback when the ephemeral range covers everything: the kernel's choice, raced as before. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
