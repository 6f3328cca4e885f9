import { describe, expect, it } from 'vitest';
import { WEBHOOK_MAX_AGE_S, WEBHOOK_MAX_AHEAD_S, webhookFreshness } from './freshness.ts';

const NOW_MS = Date.UTC(2026, 10, 30, 12, 0, 0);
const nowS = NOW_MS / 1000;
const MIN = 60;
const HOUR = 60 * MIN;

describe('webhookFreshness', () => {
  it("keeps every retry of TikTok's documented schedule inside the window", () => {
    // Reference §3: retries at ~2 min, 30 min, 3 h and 12 h, the same body each time. Read as
    // gaps between attempts (the longer reading), the last one comes ~15.5 h after the push.
    const gaps = [2 * MIN, 30 * MIN, 3 * HOUR, 12 * HOUR];
    let age = 0;
    for (const gap of gaps) {
      age += gap;
      expect(webhookFreshness(nowS - age, NOW_MS), `retry at ${age / HOUR} h`).toBe('fresh');
    }
    // With room to spare for a slow delivery or a schedule a few hours longer.
    expect(WEBHOOK_MAX_AGE_S - age).toBeGreaterThanOrEqual(12 * HOUR);
    expect(webhookFreshness(nowS - age - 12 * HOUR, NOW_MS)).toBe('fresh');
  });

  it('refuses push times older than the window, or further ahead than clock skew', () => {
    expect(webhookFreshness(nowS - WEBHOOK_MAX_AGE_S, NOW_MS)).toBe('fresh');
    expect(webhookFreshness(nowS - WEBHOOK_MAX_AGE_S - 1, NOW_MS)).toBe('stale');
    expect(webhookFreshness(946_684_800, NOW_MS)).toBe('stale'); // 2000-01-01
    expect(webhookFreshness(0, NOW_MS)).toBe('stale');
    expect(webhookFreshness(nowS + WEBHOOK_MAX_AHEAD_S, NOW_MS)).toBe('fresh');
    expect(webhookFreshness(nowS + WEBHOOK_MAX_AHEAD_S + 1, NOW_MS)).toBe('ahead');
  });
});
