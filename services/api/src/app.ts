import { trpcServer } from '@hono/trpc-server';
import { mountOps } from '@switchyard/observability/metrics';
import { type Context, Hono } from 'hono';
import { authRoutes } from './auth/routes.ts';
import type { ApiDeps } from './deps.ts';
import { limitBody } from './edge/body-limit.ts';
import { requireCsrf } from './edge/csrf.ts';
import { resolveEdgePolicy } from './edge/policy.ts';
import { createEdge, limitByAddress, throttleAuthFailures } from './edge/rate-limits.ts';
import { responseHeaders } from './edge/response-headers.ts';
import { capTrpcBatch, capTrpcResponse, trpcCalls, trpcErrorBody } from './edge/trpc-guards.ts';
import { settleUnreadBodies } from './edge/unread-body.ts';
import { AppError } from './errors.ts';
import { portalFileRoutes } from './files/portal-routes.ts';
import { importRoutes } from './imports/routes.ts';
import { oauthRoutes } from './oauth/routes.ts';
import { toAppError } from './operation-errors.ts';
import { orderLabelRoute } from './orders/label-route.ts';
import { partnerRoutes } from './partner/routes.ts';
import { portalHandler } from './portal/routes.ts';
import { identifyCallerOfCalls } from './tenant-auth.ts';
import type { TrpcContext } from './trpc/context.ts';
import { appRouter } from './trpc/router.ts';
import { tiktokWebhookRoutes } from './webhooks/tiktok.ts';

const isTrpc = (c: Context) => c.req.path.startsWith('/trpc/');

/**
 * The API edge: sub-apps per audience; AppError becomes a JSON error with a stable code (in
 * tRPC's envelope under /trpc). Limits per surface are set by `deps.edge` (edge/policy.ts):
 * tenants, partner keys and client addresses each have a rate; marketplace webhooks have none.
 */
export function createApp(deps: ApiDeps) {
  const edge = createEdge(resolveEdgePolicy(deps.edge));
  const { policy } = edge;
  const app = new Hono();
  const edgeMiddleware = [settleUnreadBodies(), responseHeaders(policy)];
  // First, so the latency histogram times every request, refused ones too.
  if (deps.ops) mountOps(app, deps.ops, edgeMiddleware);
  else {
    app.use('*', ...edgeMiddleware);
    app.get('/healthz', (c) => c.json({ ok: true }));
  }
  app.onError((thrown, c) => {
    const err = toAppError(thrown);
    if (err instanceof AppError) {
      const retryAfter = err.retryAfterS;
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
      if (err.httpStatus >= 500) deps.log.error({ err }, err.message);
      else deps.log.info({ code: err.code, path: c.req.path }, 'request refused');
      return c.json(isTrpc(c) ? trpcErrorBody(err) : err.toJSON(), err.httpStatus);
    }
    deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json(new AppError('INTERNAL', 'internal error').toJSON(), 500);
  });
  app.notFound((c) =>
    c.json(new AppError('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`).toJSON(), 404),
  );

  app.use('/oauth/tiktok/*', limitByAddress(edge), limitBody(policy.bodyBytes.oauth));
  app.route('/oauth/tiktok', oauthRoutes(deps));
  // Portal sign-in of suppliers and operators, and one-time links (issue 12): every failure
  // costs the address (throttleAuthFailures), as a wrong token does.
  app.use(
    '/auth/*',
    throttleAuthFailures(edge),
    limitByAddress(edge),
    limitBody(policy.bodyBytes.oauth),
  );
  app.route('/auth', authRoutes(deps));
  // Never rate limited: each notification is stored in the inbox before anything else happens
  // to it and handed on as capacity allows (webhooks/dispatcher.ts); a refusal would only leave
  // it to the marketplace's retries and the reconciliation poll.
  app.route('/webhooks/tiktok', tiktokWebhookRoutes(deps));
  const partnerBody = limitBody(policy.bodyBytes.partner);
  const partnerFileBody = limitBody(policy.bodyBytes.partnerFile);
  app.use('/partner/v1/*', throttleAuthFailures(edge), (c, next) =>
    c.req.path === '/partner/v1/files' ? partnerFileBody(c, next) : partnerBody(c, next),
  );
  app.route('/partner/v1', partnerRoutes(deps, edge));
  app.use('/v1/*', throttleAuthFailures(edge), requireCsrf());
  // The label route first: it answers by itself, so the file routes' middleware never runs too.
  app.route('/v1', orderLabelRoute(deps, edge));
  app.route('/v1', importRoutes(deps, edge));
  // The portal's file uploads (issue 12): the session cookie and its CSRF token, with the
  // partner file route's size limit rather than tRPC's, so files past 256 KB go through.
  app.use(
    '/portal-files/*',
    throttleAuthFailures(edge),
    requireCsrf(),
    limitBody(policy.bodyBytes.partnerFile),
  );
  app.route('/portal-files', portalFileRoutes(deps, edge));
  app.use(
    '/trpc/*',
    throttleAuthFailures(edge),
    requireCsrf(),
    capTrpcBatch(policy),
    limitBody(policy.bodyBytes.trpc),
    identifyCallerOfCalls(deps, edge, trpcCalls),
    capTrpcResponse(policy),
    trpcServer({
      router: appRouter,
      createContext: (opts, c) => ({
        ...(c.get('caller') as TrpcContext),
        resHeaders: opts.resHeaders,
      }),
    }),
  );
  // Last: the portal's pages take only what no api route answered.
  if (deps.portalDir) app.get('*', portalHandler(deps.portalDir));
  return app;
}
