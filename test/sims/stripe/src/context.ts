import type { FormObject } from './form.ts';
import type { Store } from './store.ts';
import type { WebhookOutbox } from './webhooks.ts';

/** What an API handler works with: the account's state, its events, the clock. */
export interface ApiContext {
  store: Store;
  events: WebhookOutbox;
  /** Unix seconds, as every Stripe timestamp. */
  now: () => number;
  /** The sim's own URL, for hosted pages. */
  baseUrl: string;
  request: { id: string | null; idempotency_key: string | null };
}

export type ApiHandler = (
  ctx: ApiContext,
  params: FormObject,
  path: Record<string, string>,
) => unknown;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handler: ApiHandler;
}
