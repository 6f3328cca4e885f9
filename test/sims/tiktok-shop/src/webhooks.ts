import { createHmac } from 'node:crypto';
import type { SimClock } from './clock.ts';
import type { Rng } from './rng.ts';
import type { SimFaults, WebhookLogEntry } from './types.ts';

export const DEFAULT_WEBHOOK_SCHEDULE_MS = [120_000, 1_800_000, 10_800_000, 43_200_000];

interface Notification {
  id: string;
  type: number;
  shopId: string;
  body: string;
}

export interface WebhookDeps {
  appKey: string;
  appSecret: string;
  clock: SimClock;
  rng: Rng;
  faults: SimFaults;
  scheduleMs: readonly number[];
  timeoutMs: number;
  url: () => string | undefined;
}

/** Pushes signed webhooks like TikTok does: fire and forget, retry on non-2xx (reference §3). */
export class WebhookEmitter {
  readonly log: WebhookLogEntry[] = [];
  private inflight = new Set<Promise<void>>();
  private readonly aborter = new AbortController();

  constructor(private readonly deps: WebhookDeps) {}

  emit(shopId: string, type: number, data: Record<string, unknown>): void {
    const { clock, rng, faults } = this.deps;
    const id = rng.numericId('7', 19);
    // Body serialized once: the signature is over these bytes, and retries resend them.
    const body = JSON.stringify({
      type,
      tts_notification_id: id,
      shop_id: shopId,
      timestamp: clock.nowSec(),
      data,
    });
    const n: Notification = { id, type, shopId, body };
    if (rng.chance(faults.dropWebhookRate)) {
      this.record(n, 0, 'dropped');
      return;
    }
    const copies = rng.chance(faults.duplicateWebhookRate) ? 2 : 1;
    const send = () => {
      this.deliver(n, 1);
      // A duplicate is the same notification (same id) delivered twice: receivers must dedupe.
      if (copies === 2) this.deliver(n, 1);
    };
    if (rng.chance(faults.reorderWebhookRate ?? 0)) {
      // Held back a random while: notifications emitted after it arrive first.
      this.record(n, 0, 'held_back');
      this.deps.clock.after(Math.ceil(rng.next() * (faults.reorderDelayMs ?? 2000)), send);
      return;
    }
    send();
  }

  /** Resolves once no delivery is in flight (retries scheduled later are not awaited). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  close(): void {
    this.aborter.abort();
  }

  private deliver(n: Notification, attempt: number): void {
    const url = this.deps.url();
    if (!url) return; // no subscription configured: TikTok sends nothing
    const p = this.post(url, n, attempt).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  private async post(url: string, n: Notification, attempt: number): Promise<void> {
    const { appKey, appSecret, timeoutMs } = this.deps;
    const signature = createHmac('sha256', appSecret)
      .update(appKey + n.body)
      .digest('hex');
    let status: number | 'error';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: signature },
        body: n.body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(timeoutMs)]),
      });
      status = res.status;
      await res.body?.cancel();
    } catch {
      status = 'error';
    }
    if (this.aborter.signal.aborted) return;
    this.record(n, attempt, status);
    if (typeof status === 'number' && status >= 200 && status < 300) return;
    const delay = this.deps.scheduleMs[attempt - 1];
    if (delay === undefined) return; // schedule exhausted: TikTok gives up, polling must catch it
    this.deps.clock.after(delay, () => this.deliver(n, attempt + 1));
  }

  private record(n: Notification, attempt: number, status: WebhookLogEntry['status']): void {
    this.log.push({
      notificationId: n.id,
      type: n.type,
      shopId: n.shopId,
      attempt,
      status,
      at: this.deps.clock.now(),
    });
  }
}
