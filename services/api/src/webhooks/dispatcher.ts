import {
  type ClaimedInbox,
  claimInbox,
  type Db,
  markInboxHandedOn,
  recordInboxFailure,
  scopeToTenant,
  type Trx,
} from '@switchyard/db';
import type { Logger } from '@switchyard/observability';
import { parseWebhook, type TtsWebhookEvent } from '@switchyard/tiktok-shop';
import { type MarketplaceEventDeps, routeMarketplaceEvent } from '@switchyard/workflows';
import { type HandOnResult, handOn } from './hand-on.ts';

export interface InboxDispatcherOptions {
  /** Hand-ons in flight at most; lowered while Temporal is slow or failing, raised again after. */
  maxInFlight: number;
  /** Entries claimed by one transaction at most (also at most four per hand-on in flight). */
  batchSize: number;
  /** Without a nudge, how often to look for due entries: other replicas', retries, requeues. */
  pollMs: number;
  /** A hand-on still unanswered after this fails as the platform's own (DEADLINE_EXCEEDED). */
  routeTimeoutMs: number;
  /** A hand-on slower than this means Temporal is congested: fewer in flight. */
  slowMs: number;
  /** Pause after a batch stopped by a failure of the platform's own, doubled up to `max`. */
  backoffMs: { initial: number; max: number };
  /** While the intake is busy, the longest wait before the next batch (see `intakeBusy`). */
  yieldMs: number;
}

// Starts against a single Temporal server are no faster at 128 in flight than at 8: beyond a
// few, more hand-ons at once only queue there, and take CPU the intake needs.
export const DEFAULT_DISPATCHER_OPTIONS: InboxDispatcherOptions = {
  maxInFlight: 16,
  batchSize: 64,
  pollMs: 1000,
  routeTimeoutMs: 5000,
  slowMs: 1000,
  backoffMs: { initial: 200, max: 30_000 },
  yieldMs: 500,
};

/** How often a dispatcher that yields to the intake looks whether it still has to. */
const YIELD_CHECK_MS = 20;

export interface InboxDispatcherDeps extends MarketplaceEventDeps {
  log: Logger;
  /**
   * The pool whose connections claiming transactions hold while their entries are handed on;
   * one of its own keeps them from competing with the requests' (default: `db`).
   */
  claimDb?: Db;
  /** What handing a notification on does; routeMarketplaceEvent unless a test says otherwise. */
  route?: (scope: { tenantId: string; shopId: string }, event: TtsWebhookEvent) => Promise<void>;
  /**
   * Whether this process's webhook intake is busy (IntakeGauge.busy): hand-ons then wait, so
   * that a burst of notifications is answered first (main.ts wires it; default: never busy).
   */
  intakeBusy?: () => boolean;
}

/** What one claiming transaction did. */
export interface BatchResult {
  claimed: number;
  routed: number;
  failed: number;
  parked: number;
  /** Stopped by a failure of the platform's own: the rest of the batch was left unclaimed. */
  halted: boolean;
  /** Some hand-on took longer than `slowMs`. */
  slow: boolean;
  /** Claimed fewer than it asked for: nothing more is due now. */
  drained: boolean;
}

export interface InboxDispatcher {
  /** Starts handing on in the background until stop(). */
  start(): void;
  /** Entries were just stored: look now rather than at the next poll. */
  nudge(): void;
  /** Stops claiming; resolves once the open batch has finished and recorded what it did. */
  stop(): Promise<void>;
  /** One claiming transaction, as the background loop runs it; for tests and tools. */
  runBatch(): Promise<BatchResult>;
  /** Hand-ons allowed in flight now, and the pause before the next batch (0: none). */
  pressure(): { window: number; backoffMs: number };
}

/**
 * Hands stored notifications on (R-IN-1), apart from the requests that stored them: the 200
 * to the marketplace depends on the inbox write alone.
 *
 * Batched: one transaction claims due entries of every tenant (FOR UPDATE SKIP LOCKED), hands
 * them on, marks them in their tenants' scopes and commits. Several api replicas can run one
 * each: a claimed entry is skipped by every other claimer until the transaction ends, so two
 * never hand the same entry on at once; a dispatcher that dies releases its entries with its
 * connection, and they are handed on again, which routing's deterministic workflow ids make
 * harmless. Within a dispatcher, notifications of one order are handed on one after the other,
 * in the order they were stored (across replicas that is not
 * guaranteed, as it was not when each request handed its own notification on).
 *
 * Bounded and back-pressured: at most `window` hand-ons in flight, each under a deadline.
 * A failure of the platform's own (Temporal or the database unreachable) stops the batch
 * where it is, halves the window and pauses with a doubling backoff; slow hand-ons halve the
 * window without pausing; clean batches widen it again up to `maxInFlight`. While Temporal is
 * down, the dispatcher thus makes one probing call per pause and the webhook route keeps
 * answering from the inbox write alone. Woken by nudge() from the route, and every `pollMs`
 * as a safety net.
 *
 * Yields to the intake: while `intakeBusy()`, a batch waits until the intake is quiet, at most
 * `yieldMs`, and then claims a single entry; a batch claimed before the intake got busy stops
 * each lane after its current hand-on. A workflow start costs the api a few hundred
 * microseconds and a Temporal server on the same machine several milliseconds of CPU, and the
 * claims and marks load the database the requests write to, so hand-ons side by side with a
 * burst of requests slow every answer; deferring them costs a notification nothing, as it is
 * already stored. They never stop: under a busy intake one goes out every `yieldMs`.
 */
export function createInboxDispatcher(
  deps: InboxDispatcherDeps,
  options: Partial<InboxDispatcherOptions> = {},
): InboxDispatcher {
  const o = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  const claimDb = deps.claimDb ?? deps.db;
  const route = deps.route ?? ((scope, event) => routeMarketplaceEvent(deps, scope, event));
  const intakeBusy = deps.intakeBusy ?? (() => false);
  let window = o.maxInFlight;
  let backoffMs = 0;
  let nudges = 0;
  let stopping = false;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  const handOnRow = (row: ClaimedInbox) =>
    handOn(
      deps.log,
      {
        tenantId: row.tenant_id,
        shopId: row.shop_id,
        notificationId: row.notification_id,
        attempts: row.attempts,
      },
      (scope) =>
        deps.temporal.withDeadline(Date.now() + o.routeTimeoutMs, () =>
          route(scope, parseWebhook(row.payload)),
        ),
    );

  async function runBatch(): Promise<BatchResult> {
    const limit = intakeBusy() ? 1 : Math.max(1, Math.min(o.batchSize, window * 4));
    return claimDb.transaction().execute(async (trx) => {
      const rows = await claimInbox(trx, limit);
      const results = new Map<string, HandOnResult>();
      let halted = false;
      let slow = false;
      const groups = byOrder(rows);
      let next = 0;
      const lane = async () => {
        let handedOn = 0;
        for (let group = groups[next++]; group; group = groups[next++]) {
          for (const row of group) {
            // Left as they are, the rest go back to the inbox when the transaction ends.
            if (halted || stopping || (handedOn++ > 0 && intakeBusy())) return;
            const started = performance.now();
            const result = await handOnRow(row);
            if (performance.now() - started > o.slowMs) slow = true;
            results.set(row.id, result);
            if (result.outcome !== 'routed' && result.transient) halted = true;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(window, groups.length) }, lane));
      await record(trx, rows, results);
      const count = (outcome: HandOnResult['outcome']) =>
        [...results.values()].filter((r) => r.outcome === outcome).length;
      return {
        claimed: rows.length,
        routed: count('routed'),
        failed: count('failed'),
        parked: count('parked'),
        halted,
        slow,
        drained: rows.length < limit,
      };
    });
  }

  /** While the intake is busy, waits for it to become quiet, at most `yieldMs`. */
  async function yieldToIntake() {
    const until = performance.now() + o.yieldMs;
    while (!stopping && intakeBusy() && performance.now() < until)
      await pause(Math.min(YIELD_CHECK_MS, o.yieldMs), false);
  }

  /** Waits `ms`, or less if stopped, or (when `nudged`) if entries are stored meanwhile. */
  function pause(ms: number, nudged: boolean) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = nudged ? done : () => stopping && done();
    });
  }

  async function loop() {
    while (!stopping) {
      const seen = nudges;
      await yieldToIntake();
      if (stopping) return;
      let batch: BatchResult | undefined;
      try {
        batch = await runBatch();
      } catch (err) {
        deps.log.warn({ err }, 'inbox dispatch failed, backing off');
      }
      if (stopping) return;
      if (!batch || batch.halted) {
        window = Math.max(1, Math.floor(window / 2));
        backoffMs = Math.min(o.backoffMs.max, backoffMs ? backoffMs * 2 : o.backoffMs.initial);
        // Jitter, so replicas that failed together do not probe together.
        await pause(backoffMs * (0.8 + Math.random() * 0.4), false);
        continue;
      }
      backoffMs = 0;
      if (batch.slow) window = Math.max(1, Math.floor(window / 2));
      else if (batch.claimed > 0)
        window = Math.min(o.maxInFlight, window + Math.max(1, window >> 1));
      if (batch.drained && nudges === seen) await pause(o.pollMs, true);
    }
  }

  return {
    start() {
      if (running) return;
      stopping = false;
      running = loop().catch((err) => deps.log.error({ err }, 'inbox dispatcher stopped'));
    },
    nudge() {
      nudges++;
      wake?.();
    },
    async stop() {
      stopping = true;
      wake?.();
      await running;
      running = undefined;
    },
    runBatch,
    pressure: () => ({ window, backoffMs }),
  };
}

/**
 * Claimed entries grouped so that notifications of one order stay in the order they were
 * stored (the groups are handed on side by side); one without an order is a group of its own.
 */
function byOrder(rows: readonly ClaimedInbox[]): ClaimedInbox[][] {
  const groups = new Map<string, ClaimedInbox[]>();
  for (const row of rows) {
    const key = orderOf(row) ?? `entry:${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

function orderOf(row: ClaimedInbox): string | undefined {
  try {
    const orderId = (JSON.parse(row.payload) as { data?: { order_id?: unknown } }).data?.order_id;
    if (typeof orderId === 'string' || typeof orderId === 'number')
      return `${row.tenant_id}:${row.shop_id}:${orderId}`;
  } catch {
    // not JSON: hand-on fails it on its own
  }
  return undefined;
}

/** Writes what the hand-ons did, tenant by tenant, in the transaction that claimed the entries. */
async function record(
  trx: Trx,
  rows: readonly ClaimedInbox[],
  results: ReadonlyMap<string, HandOnResult>,
) {
  const byTenant = new Map<string, ClaimedInbox[]>();
  for (const row of rows) {
    if (!results.has(row.id)) continue;
    const tenantRows = byTenant.get(row.tenant_id);
    if (tenantRows) tenantRows.push(row);
    else byTenant.set(row.tenant_id, [row]);
  }
  for (const [tenantId, tenantRows] of byTenant) {
    await scopeToTenant(trx, tenantId);
    await markInboxHandedOn(
      trx,
      tenantRows.filter((r) => results.get(r.id)?.outcome === 'routed').map((r) => r.id),
    );
    for (const row of tenantRows) {
      const r = results.get(row.id)!;
      if (r.outcome === 'routed') continue;
      await recordInboxFailure(trx, {
        id: row.id,
        error: r.error,
        park: r.outcome === 'parked',
        retryAt: r.retryAt,
      });
    }
  }
}
