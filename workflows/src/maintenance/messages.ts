/** Input of the buyer-data retention job (R-ONB-3). */
export interface RetentionInput {
  version: 1;
  retentionDays: number;
}

/** One retention job for the whole platform. */
export const RETENTION_WORKFLOW_ID = 'maintenance:buyer-data-retention';
