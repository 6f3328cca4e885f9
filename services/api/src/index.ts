/** What `POST /v1/imports/orders` answers: the portal shows it as the import's row report. */
export type { ImportReport } from '@switchyard/workflows';
export { createApp } from './app.ts';
export type { ApiDeps } from './deps.ts';
export {
  DEFAULT_EDGE_POLICY,
  type EdgePolicy,
  type EdgePolicyOverrides,
} from './edge/policy.ts';
export { type ApiEnv, apiEnvSchema, parseApiEnv } from './env.ts';
export { type AnswerMailOptions, startAnswerMailReceiver } from './mail/answer-mail.ts';
export { apiOps } from './ops.ts';
export { serveApi } from './serve.ts';
export type { AppRouter } from './trpc/router.ts';
export {
  type BatchResult,
  createInboxDispatcher,
  DEFAULT_DISPATCHER_OPTIONS,
  type InboxDispatcher,
  type InboxDispatcherDeps,
  type InboxDispatcherOptions,
} from './webhooks/dispatcher.ts';
export { INBOX_MAX_ATTEMPTS, INBOX_RETRY_BASE_MS } from './webhooks/hand-on.ts';
