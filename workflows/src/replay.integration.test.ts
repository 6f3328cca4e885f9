import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkflowMilestone } from '@switchyard/observability/workflow-spans';
import {
  bundleWorkflowCode,
  type ReplayResult,
  type ReplayWorkerOptions,
  Worker,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { installQuietRuntime, quietBundlerLogger } from '../../test/harness/runtime.ts';
import { loadStoredHistories, ORDER_SCENARIOS } from './testing/index.ts';
import { tracingWorkflowModules, workflowsPath } from './workflows-path.ts';

/**
 * Stored histories of representative runs (recorded by `record-histories`) replay against the
 * workflow code of today. A change to what running workflows do that is not behind patched()
 * breaks this test instead of breaking workflows in production.
 */
describe('replay of stored histories', () => {
  let code: string;
  let histories: Awaited<ReturnType<typeof loadStoredHistories>>;
  beforeAll(async () => {
    installQuietRuntime();
    code = await readFile(inject('workflowBundlePath'), 'utf8');
    histories = await loadStoredHistories();
  });

  async function replay(
    bundleCode: string,
    sinks?: ReplayWorkerOptions['sinks'],
  ): Promise<Map<string, ReplayResult['error']>> {
    const outcome = new Map<string, ReplayResult['error']>();
    const results = Worker.runReplayHistories(
      { workflowBundle: { code: bundleCode }, ...(sinks && { sinks }) },
      histories,
    );
    for await (const r of results) outcome.set(r.workflowId, r.error);
    return outcome;
  }

  /** The stored order runs, by file, with how the scenario ends. */
  const orderRuns = () =>
    histories.flatMap(({ workflowId: file }) => {
      const scenario = /^order\.(.+)\.v\d+\.json$/.exec(file)?.[1];
      const known = scenario && scenario in ORDER_SCENARIOS;
      return known
        ? [{ file, outcome: ORDER_SCENARIOS[scenario as keyof typeof ORDER_SCENARIOS].outcome }]
        : [];
    });

  it('holds a history of every representative order run', () => {
    const stored = new Set(histories.map((h) => h.workflowId.replace(/\.v\d+\.json$/, '')));
    for (const name of Object.keys(ORDER_SCENARIOS)) expect(stored).toContain(`order.${name}`);
  });

  it('replays every stored history against today’s workflow code', async () => {
    const outcome = await replay(code);
    expect(outcome.size).toBe(histories.length);
    const failed = [...outcome].filter(([, error]) => error);
    expect(failed.map(([file, error]) => `${file}: ${error?.message}`)).toEqual([]);
  });

  // With OTEL_EXPORTER_OTLP_ENDPOINT set the worker bundles the tracing interceptors: they add
  // an activity header, never a command nor a yield, so histories recorded without them replay
  // (OpenTelemetry's own workflow interceptors fail this: their extra yields reorder timers).
  it('replays every stored history with the tracing interceptors in the bundle', async () => {
    const traced = await bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: tracingWorkflowModules,
      logger: quietBundlerLogger,
    });
    expect(traced.code).toContain('_tracer-data');
    const outcome = await replay(traced.code);
    expect(outcome.size).toBe(histories.length);
    const failed = [...outcome].filter(([, error]) => error);
    expect(failed.map(([file, error]) => `${file}: ${error?.message}`)).toEqual([]);
  });

  // The order's milestones are spans through a sink (shared/milestones.ts): synchronous, no
  // command, no yield. Here every stored run replays as if its start had been traced, with a
  // sink that also hears replayed calls, so the milestones of every path are called while the
  // history is checked against the commands.
  it('replays every stored history while the order records its milestones', async () => {
    const traced = await bundleWorkflowCode({
      workflowsPath,
      workflowInterceptorModules: [
        ...tracingWorkflowModules,
        fileURLToPath(new URL('./testing/traced-start-interceptors.ts', import.meta.url)),
      ],
      logger: quietBundlerLogger,
    });
    const seen: { workflowId: string; milestone: WorkflowMilestone }[] = [];
    const outcome = await replay(traced.code, {
      workflowSpans: {
        record: {
          callDuringReplay: true,
          fn: (info, milestone: WorkflowMilestone) => {
            seen.push({ workflowId: info.workflowId, milestone });
          },
        },
      },
    });
    const failed = [...outcome].filter(([, error]) => error);
    expect(failed.map(([file, error]) => `${file}: ${error?.message}`)).toEqual([]);
    const names = new Set(seen.map((s) => s.milestone.name));
    for (const name of [
      'checks',
      'held',
      'hold_released',
      'route',
      'dispatch',
      'acknowledgement',
      'shipment',
      'push_back',
      'completed',
      'cancelled',
    ])
      expect(names, name).toContain(name);
    for (const { milestone } of seen) {
      expect(milestone.trace.traceparent).toMatch(/^00-0af7651916cd43dd/);
      expect(milestone.endMs).toBeGreaterThanOrEqual(milestone.startMs);
    }
  });

  // A new activity once the order has shipped, before it is charged and closed, as a
  // well-meant change might add it: completed runs went on to the charge (or, from input
  // version 3, straight to their end), so their histories no longer match; a cancelled run
  // never got that far.
  const NOTE_BEFORE_CHARGE = `await acts.recordProgress({ tenantId, orderId, kind: 'charging', dedupeKey: 'charging', detail: {} });`;
  const SHIPPED = "progress.phase = 'shipped';";

  it('fails when the order of commands changes without patched()', async () => {
    expect(code).toContain(SHIPPED);
    const altered = code.replace(SHIPPED, `${SHIPPED} ${NOTE_BEFORE_CHARGE}`);
    const outcome = await replay(altered);
    for (const { file, outcome: end } of orderRuns()) {
      if (end === 'completed')
        expect(outcome.get(file), file).toBeInstanceOf(DeterminismViolationError);
      else expect(outcome.get(file), file).toBeUndefined();
    }
  });

  it('passes when the same change is behind patched()', async () => {
    // The bundle's name for the workflow SDK's patched(), taken from a call the code makes.
    const patched = /(\(0,\s*[\w$]+\.patched\))\('hold-released'\)/.exec(code)?.[1];
    expect(patched).toBeDefined();
    const altered = code.replace(
      SHIPPED,
      `${SHIPPED} if (${patched}('note-before-charge')) ${NOTE_BEFORE_CHARGE}`,
    );
    expect(altered).not.toBe(code);
    const outcome = await replay(altered);
    expect([...outcome.values()].filter(Boolean)).toEqual([]);
  });
});
