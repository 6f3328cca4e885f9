import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** The TCP peer; unknown when the app is driven without a socket (`app.request()`). */
function peerOf(c: Context): string | undefined {
  const address = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
  return address ? plain(address) : undefined;
}

/** The values of a comma-separated forwarding header, left (client) to right (nearest proxy). */
function forwarded(c: Context, header: string): string[] {
  return (c.req.header(header) ?? '')
    .split(',')
    .map((v) => plain(v.trim()))
    .filter(Boolean);
}

/**
 * Where a request comes from, for per-address limits. `X-Forwarded-For` counts only when the
 * peer is a trusted proxy, and then only up to the first hop no trusted proxy vouches for:
 * anything further left was written by the client and could be anything.
 */
export function clientAddress(c: Context, trusted: ReadonlySet<string>): string {
  const peer = peerOf(c) ?? 'unknown';
  if (!trusted.has(peer)) return peer;
  const hops = forwarded(c, 'x-forwarded-for');
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}

/** Whether the request reached us over TLS, directly or through a trusted proxy that says so. */
export function cameOverTls(c: Context, trusted: ReadonlySet<string>): boolean {
  // Request URLs are absolute with a lowercase scheme: no need to parse one per request.
  if (c.req.url.startsWith('https:')) return true;
  const peer = peerOf(c);
  return (
    peer !== undefined && trusted.has(peer) && forwarded(c, 'x-forwarded-proto').at(-1) === 'https'
  );
}
