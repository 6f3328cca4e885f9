import { describe, expect, it } from 'vitest';
import type { RankedCandidate, RouteDecision } from './routing/index.ts';
import { candidatesFor } from './routing-mode.ts';

const candidate = (code: string, score: number): RankedCandidate => ({
  supplierId: `id-${code}`,
  code,
  score,
  parts: { cost: score, speed: 0, record: score },
  landedCostMinor: 100,
  expectedShipAt: '2026-12-01T00:00:00.000Z',
  late: false,
  pinned: false,
});
const single: RouteDecision = {
  kind: 'single',
  ranked: [candidate('zeta', 0.9), candidate('alpha', 0.5), candidate('mid', 0.7)],
  rejected: [],
};

describe('candidatesFor (R-RT-1)', () => {
  it('ranked: every able supplier in score order, the rest being fallbacks', () => {
    expect(candidatesFor(single)).toEqual(['id-zeta', 'id-alpha', 'id-mid']);
    expect(candidatesFor(single, 'ranked')).toEqual(['id-zeta', 'id-alpha', 'id-mid']);
  });

  it('first_eligible: only the first able supplier by code, no fallback', () => {
    expect(candidatesFor(single, 'first_eligible')).toEqual(['id-alpha']);
  });

  it('no single supplier: nothing to try in either mode', () => {
    const none: RouteDecision = { kind: 'none', unfillable: [], rejected: [] };
    expect(candidatesFor(none)).toEqual([]);
    expect(candidatesFor(none, 'first_eligible')).toEqual([]);
  });
});
