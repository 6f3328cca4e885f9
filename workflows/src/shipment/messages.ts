import { defineQuery } from '@temporalio/workflow';

/** What the first-scan sweep has done since it first started. */
export interface FirstScanSweepProgress {
  /** Completed passes. */
  passes: number;
  /** Parcels whose first scan was recorded. */
  scanned: number;
  /** Parcels the tenant was alerted about (R-SLA-1). */
  alerted: number;
}

/**
 * Input of the first-scan sweep (R-SLA-1). The window is the policy's `firstScanWindowMs`
 * (72 hours); tests shorten it.
 */
export interface FirstScanSweepInput {
  version: 1;
  firstScanWindowMs: number;
  /** Pause between passes. */
  intervalMs: number;
  /** Carried over `continueAsNew`. */
  progress?: FirstScanSweepProgress;
}

/** One sweep for the whole platform. */
export const FIRST_SCAN_SWEEP_WORKFLOW_ID = 'maintenance:first-scan-sweep';

export const firstScanSweepProgressQuery =
  defineQuery<FirstScanSweepProgress>('firstScanSweepProgress');
