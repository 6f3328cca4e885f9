import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import type { ApiDeps } from './deps.ts';
import { settleUnreadBodies } from './edge/unread-body.ts';
import { AppError } from './errors.ts';
import { importRoutes } from './imports/routes.ts';
import { oauthRoutes } from './oauth/routes.ts';
import { partnerRoutes } from './partner/routes.ts';
import { createContext } from './trpc/context.ts';
import { appRouter } from './trpc/router.ts';
import { tiktokWebhookRoutes } from './webhooks/tiktok.ts';

/** The API edge: sub-apps per audience; AppError becomes a JSON error with a stable code. */
export function createApp(deps: ApiDeps) {
  const app = new Hono();
  app.use('*', settleUnreadBodies());
  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.httpStatus === 503) c.header('Retry-After', '5');
      if (err.httpStatus >= 500) deps.log.error({ err }, err.message);
      else deps.log.info({ code: err.code, path: c.req.path }, 'request refused');
      return c.json(err.toJSON(), err.httpStatus);
    }
    deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json(new AppError('INTERNAL', 'internal error').toJSON(), 500);
  });
  app.notFound((c) =>
    c.json(new AppError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`).toJSON(), 404),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/oauth/tiktok', oauthRoutes(deps));
  app.route('/webhooks/tiktok', tiktokWebhookRoutes(deps));
  app.route('/partner/v1', partnerRoutes(deps));
  app.route('/v1', importRoutes(deps));
  app.use(
    '/trpc/*',
    trpcServer({ router: appRouter, createContext: (opts) => createContext(deps, opts.req) }),
  );
  return app;
}
