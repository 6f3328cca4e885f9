import { isGrpcServiceError } from '@temporalio/client';

// gRPC codes a retry can heal: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE.
const GRPC = new Set([4, 8, 10, 14]);
// PostgreSQL classes a retry can heal: connection (08), rollback such as serialization failure
// or deadlock (40), insufficient resources (53), operator intervention such as shutdown (57).
const PG = /^(08|40|53|57)[0-9A-Z]{3}$/;
const NET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * Whether a failure is the platform's own and passes with time (Temporal or PostgreSQL
 * unreachable or overloaded), as opposed to one about the notification itself. Looks through
 * `cause` chains, since the Temporal client wraps gRPC errors.
 */
export function isTransient(err: unknown): boolean {
  let e = err;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    if (isGrpcServiceError(e) && GRPC.has(e.code)) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (PG.test(code) || NET.has(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
