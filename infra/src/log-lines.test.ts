import { describe, expect, it } from 'vitest';
import { errorSummary } from './log-lines.ts';

const pino = (entry: Record<string, unknown>) =>
  JSON.stringify({ time: 1, service: 'api', ...entry });

describe('errorSummary', () => {
  it('shows pino lines at error level and above, with the cause and path', () => {
    expect(
      errorSummary(
        pino({ level: 50, msg: 'unhandled error', err: { message: 'boom' }, path: '/v1/x' }),
        'stdout',
      ),
    ).toBe('error: unhandled error: boom (/v1/x)');
    expect(errorSummary(pino({ level: 60, msg: 'cannot start' }), 'stdout')).toBe(
      'fatal: cannot start',
    );
  });

  it('keeps quieter pino lines in the log file only', () => {
    expect(errorSummary(pino({ level: 40, msg: 'sweep slow' }), 'stdout')).toBeUndefined();
    expect(errorSummary(pino({ level: 30, msg: 'error budget fine' }), 'stderr')).toBeUndefined();
  });

  it('shows plain stderr lines that report an error, not their stack frames', () => {
    expect(errorSummary('Error: listen EADDRINUSE: address already in use', 'stderr')).toBe(
      'Error: listen EADDRINUSE: address already in use',
    );
    expect(errorSummary('2026-01-01T00:00:00Z [ERROR] Activity failed', 'stderr')).toBe(
      '2026-01-01T00:00:00Z [ERROR] Activity failed',
    );
    expect(errorSummary('    at Server.listen (node:net:1908:16)', 'stderr')).toBeUndefined();
    expect(errorSummary('webpack compiled, 0 errors', 'stderr')).toBeUndefined();
    expect(errorSummary('Error: shown only from stderr', 'stdout')).toBeUndefined();
  });
});
