export {
  checkReadiness,
  mountOps,
  type OpsRoutes,
  type Readiness,
  type ReadinessChecks,
} from './health.ts';
export { bearerMatches, httpMetrics } from './hono.ts';
export {
  createServiceMetrics,
  HTTP_DURATION,
  renderMetrics,
  type ServiceMetrics,
} from './metrics.ts';
export {
  PLATFORM_METRICS,
  PLATFORM_UP,
  type PlatformFact,
  registerPlatformFacts,
} from './platform-facts.ts';
export { TEMPORAL_SDK_METRICS } from './temporal-metrics.ts';
