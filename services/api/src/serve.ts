import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';

type Fetch = (req: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * Serves the API on Node. The adapter's own handling of unread request bodies (drain for at
 * most 500 ms, then destroy the socket) is off: it closes connections it has just answered as
 * keep-alive, so a client's next request on them is reset. The app settles unread bodies
 * itself (edge/unread-body.ts), which needs the Node bindings passed on as `env`.
 *
 * @example
 * const server = serveApi(createApp(deps).fetch, { port: 3000, hostname: '127.0.0.1' });
 */
export function serveApi(
  fetch: Fetch,
  opts: { port: number; hostname: string },
  onListening?: (info: { port: number }) => void,
) {
  return serve({ fetch, ...opts, autoCleanupIncoming: false }, onListening);
}
