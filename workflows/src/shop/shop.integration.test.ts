import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkipping } from '../../../test/harness/time-skipping.ts';
import type { ShopActivities } from './activities.ts';
import type { ReconcilerInput, TokenKeeperInput } from './messages.ts';
import { shopReconciler, shopTokenKeeper } from './workflows.ts';

/**
 * The per-shop clocks on the time-skipping server: token refresh ahead of expiry (R-ONB-2)
 * and the reconciliation cadence with overlapping windows (R-IN-2). Activities are recorders.
 */
const DAY = 24 * 60 * 60 * 1000;

describe('per-shop workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: { code: string };

  beforeAll(async () => {
    ({ env, bundle } = await startTimeSkipping());
  });
  afterAll(async () => {
    await env?.teardown();
  });

  async function run<I, R>(
    activities: Partial<ShopActivities>,
    workflow: (input: I) => Promise<R>,
    arg: I,
  ): Promise<R> {
    const taskQueue = `shop-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities,
    });
    return worker.runUntil(async () => {
      const h = await env.client.workflow.start(workflow, {
        taskQueue,
        workflowId: `wf-${taskQueue}`,
        args: [arg],
      });
      return h.result();
    });
  }

  it('refreshes a day before the 7-day token expires, and stops when the shop needs re-authorization', async () => {
    const refreshedAt: number[] = [];
    let expiresAt = 0;
    const start = Date.now();
    const result = await run(
      {
        tokenExpiry: async () => {
          if (!expiresAt) expiresAt = (await env.currentTimeMs()) + 7 * DAY;
          return { active: true, accessExpiresAtMs: expiresAt };
        },
        refreshShopTokens: async () => {
          refreshedAt.push(await env.currentTimeMs());
          if (refreshedAt.length === 2) return 'needs_reauth';
          expiresAt = (await env.currentTimeMs()) + 7 * DAY;
          return 'ok';
        },
      },
      shopTokenKeeper,
      { version: 1, tenantId: 't', shopId: 's', refreshAheadMs: DAY } satisfies TokenKeeperInput,
    );
    expect(result).toBe('needs_reauth');
    expect(refreshedAt).toHaveLength(2);
    // Each refresh came 6 days after the token was issued: one day ahead of expiry.
    expect(Math.round((refreshedAt[0]! - start) / DAY)).toBe(6);
    expect(Math.round((refreshedAt[1]! - refreshedAt[0]!) / DAY)).toBe(6);
  });

  it('polls on its interval with windows that overlap, and ends when the shop is no longer active', async () => {
    const windows: Array<{ fromMs: number; untilMs: number }> = [];
    await run(
      {
        reconcileShopOrders: async (w: { fromMs: number; untilMs: number }) => {
          windows.push({ fromMs: w.fromMs, untilMs: w.untilMs });
          return { active: windows.length < 4, seen: 0, started: 0 };
        },
      } as Partial<ShopActivities>,
      shopReconciler,
      {
        version: 1,
        tenantId: 't',
        shopId: 's',
        intervalMs: 5 * 60_000,
        overlapMs: 10 * 60_000,
        sinceMs: 0,
      } satisfies ReconcilerInput,
    );
    expect(windows).toHaveLength(4);
    for (let i = 1; i < windows.length; i++) {
      // Each window starts 10 minutes before the previous one ended (R-IN-2 overlap).
      expect(windows[i - 1]!.untilMs - windows[i]!.fromMs).toBe(10 * 60_000);
      expect(windows[i]!.untilMs - windows[i - 1]!.untilMs).toBeGreaterThanOrEqual(5 * 60_000);
    }
  });
});
