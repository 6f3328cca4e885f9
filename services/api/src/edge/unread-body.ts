import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { createMiddleware } from 'hono/factory';

/**
 * A refused body up to this size is read and dropped so the connection stays open for the
 * client's next request: that costs less than the client opening a new (TLS) connection.
 */
const KEEP_ALIVE_MAX_BYTES = 1024 * 1024;

/** How long a client may take to finish sending a body we will not read. */
const SETTLE_MS = 10_000;

/**
 * Answers that go out before the request body has fully arrived (413 on its declared size,
 * 401/404 before reading it, 422 on the first rows of a bad file) leave the rest of the body in
 * flight. A small rest is read and dropped and the connection stays usable. A larger one is
 * not worth reading: the answer says `Connection: close`, and the socket is closed only after
 * the client has stopped sending (a lingering close), so it never meets a reset before it has
 * read the answer, and never sends its next request on a connection about to close.
 *
 * Needs the Node bindings of @hono/node-server (see `serveApi`); without them it does nothing.
 */
export function settleUnreadBodies() {
  return createMiddleware<{ Bindings: Partial<HttpBindings> }>(async (c, next) => {
    await next();
    const { incoming, outgoing } = c.env ?? {};
    if (!incoming || !outgoing || incoming.complete) return;
    const declared = Number(incoming.headers['content-length']);
    const keepAlive = Number.isSafeInteger(declared) && declared <= KEEP_ALIVE_MAX_BYTES;
    if (!keepAlive) c.res.headers.set('Connection', 'close');
    outgoing.once('finish', () => discardRest(incoming, keepAlive));
  });
}

function discardRest(incoming: IncomingMessage, keepAlive: boolean) {
  if (incoming.complete || incoming.destroyed) return;
  const socket = incoming.socket;
  // Node destroys a `Connection: close` socket once the answer is flushed, which resets a
  // client still sending; keep reading until the client is done instead.
  if (!keepAlive) socket.removeListener('finish', socket.destroy);
  const timer = setTimeout(() => socket.destroy(), SETTLE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  incoming.once('end', () => {
    clearTimeout(timer);
    if (!keepAlive) socket.destroy();
  });
  // The web stream a handler read part of the body through stops pulling once abandoned and
  // would keep the socket paused; let the bytes flow into nothing instead, as Node does for a
  // body nobody read.
  incoming.removeAllListeners('data');
  incoming.resume();
}
