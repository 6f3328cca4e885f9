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
 * services whose URLs must be known before they start).
 */
export async function freePort(): Promise<number> {
  const [lo, hi] = ephemeralRange();
  const below = Math.max(0, lo - LOWEST); // LOWEST … lo-1
  const above = Math.max(0, 65535 - Math.max(hi, LOWEST - 1)); // hi+1 … 65535
  if (below + above === 0) return kernelPort();
  for (let i = 0; i < 50; i++) {
    const n = Math.floor(Math.random() * (below + above));
    const port = n < below ? LOWEST + n : Math.max(hi, LOWEST - 1) + 1 + (n - below);
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
