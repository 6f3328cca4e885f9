import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { isTransient } from './transient.ts';

/** What @grpc/grpc-js throws: an Error with a numeric code, details and metadata. */
function grpcError(code: number) {
  return Object.assign(new Error(`grpc ${code}`), { code, details: 'x', metadata: {} });
}

describe('isTransient', () => {
  it('retries without limit what heals: Temporal or PostgreSQL unreachable or overloaded', () => {
    for (const err of [
      new ServiceError('Failed to start Workflow', { cause: grpcError(14) }),
      grpcError(4),
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      Object.assign(new Error('could not serialize'), { code: '40001' }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ])
      expect(isTransient(err), err.message).toBe(true);
  });

  it('counts toward parking what will fail the same way every time', () => {
    for (const err of [
      new RangeError('Invalid time value'),
      new ServiceError('bad request', { cause: grpcError(3) }),
      Object.assign(new Error('invalid input syntax'), { code: '22P02' }),
      Object.assign(new Error('violates foreign key'), { code: '23503' }),
      'a string',
      undefined,
    ])
      expect(isTransient(err), String(err)).toBe(false);
  });
});
