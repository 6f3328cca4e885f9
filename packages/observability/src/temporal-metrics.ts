/**
 * Metrics the Temporal SDK's core exports from the worker (prefix `temporal_`) that the
 * dashboard reads. They are served by the SDK's own Prometheus listener, not by our registry
 * (TEMPORAL_METRICS_BIND_ADDRESS in the worker's env.ts); the dashboard test checks its
 * expressions against this list and the worker's integration test against a real scrape.
 */
export const TEMPORAL_SDK_METRICS = [
  'temporal_worker_task_slots_available',
  'temporal_worker_task_slots_used',
  'temporal_sticky_cache_size',
  'temporal_num_pollers',
  'temporal_workflow_task_schedule_to_start_latency_bucket',
  'temporal_activity_schedule_to_start_latency_bucket',
  'temporal_activity_execution_failed',
  'temporal_workflow_task_execution_failed',
] as const;
