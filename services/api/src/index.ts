export { createApp } from './app.ts';
export type { ApiDeps } from './deps.ts';
export {
  DEFAULT_EDGE_POLICY,
  type EdgePolicy,
  type EdgePolicyOverrides,
} from './edge/policy.ts';
export { serveApi } from './serve.ts';
export type { AppRouter } from './trpc/router.ts';
export { INBOX_MAX_ATTEMPTS } from './webhooks/hand-on.ts';
export { startInboxSweeper, sweepInbox } from './webhooks/sweep.ts';
