import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './metrics.ts';
import { registerPlatformFacts } from './platform-facts.ts';
import { TEMPORAL_SDK_METRICS } from './temporal-metrics.ts';

const dashboard = JSON.parse(
  readFileSync(new URL('../../../infra/grafana/switchyard.json', import.meta.url), 'utf8'),
) as {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Array<{
    id: number;
    type: string;
    title: string;
    targets: Array<{ expr: string; refId: string }>;
  }>;
};

/** Every series name our registries expose, histograms with their _bucket/_sum/_count. */
async function definedNames(): Promise<Set<string>> {
  const { registry } = createServiceMetrics('test');
  registerPlatformFacts(registry, async () => []);
  const names = new Set<string>(TEMPORAL_SDK_METRICS);
  for (const m of await registry.getMetricsAsJSON()) {
    names.add(m.name);
    if (String(m.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
  }
  return names;
}

const METRIC = /\b(?:switchyard|temporal|process|nodejs)_[a-z0-9_]+\b/g;

describe('infra/grafana/switchyard.json', () => {
  it('is a dashboard model: uid, title, schema version, panels with unique ids and targets', () => {
    expect(dashboard.uid).toBe('switchyard');
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(p.type).toBe('timeseries');
      expect(p.targets.length).toBeGreaterThan(0);
    }
  });

  it('reads only metrics the code defines, and every one of ours is on it', async () => {
    const names = await definedNames();
    const used = new Set<string>();
    for (const p of dashboard.panels)
      for (const t of p.targets) {
        const refs = t.expr.match(METRIC) ?? [];
        expect(refs.length, `${p.title}: ${t.expr}`).toBeGreaterThan(0);
        for (const r of refs) {
          expect(names.has(r), `${p.title}: ${r} is not a metric the code defines`).toBe(true);
          used.add(r);
        }
      }
    const ours = [...names].filter(
      (n) => n.startsWith('switchyard_') && !/_(bucket|sum|count)$/.test(n),
    );
    const shown = (n: string) => ['', '_bucket', '_count'].some((s) => used.has(n + s));
    expect(ours.filter((n) => !shown(n))).toEqual([]);
  });
});
