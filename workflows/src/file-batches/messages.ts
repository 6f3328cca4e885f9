/** Input of the file-batch sweep (R-RT-2). */
export interface FileBatchInput {
  version: 1;
  /** How often the sweep looks for due slots and answer files (default 1 minute). */
  tickMs: number;
}

/** One sweep for the whole platform: each slot of each file supplier is handled once anyway. */
export const FILE_BATCH_WORKFLOW_ID = 'maintenance:file-batches';

/** What one sweep did, in counts only: buyer data never enters workflow history (R-ONB-3). */
export interface SweepSummary {
  suppliers: number;
  batchesSent: number;
  batchesFailed: number;
  answerFiles: number;
}
