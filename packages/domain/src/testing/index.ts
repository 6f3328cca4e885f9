/**
 * Test support (`@switchyard/domain/testing`): generated data for tests, simulators and
 * benchmarks. Nothing that runs in production imports this entry; the corpora the domain's
 * own tests read sit beside it and are not exported at all.
 */
export { generateOrderExport } from './order-export/index.ts';
export { seededRng } from './rng.ts';
export { generateTrackingNumber } from './tracking-numbers.ts';
