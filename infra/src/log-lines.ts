// pino's numeric levels: 50 error, 60 fatal.
const ERROR_LEVEL = 50;
const FATAL_LEVEL = 60;
// A plain stderr line that reports a failure: "Error: …", "TypeError: …", "[ERROR] …", "panic: …".
const LOOKS_LIKE_ERROR = /(error|fatal|panic|exception|unhandled)\b/i;
const STACK_FRAME = /^\s+at\s/;

/**
 * The console form of one output line of a service when that line reports an error: pino
 * JSON lines at level error or fatal, and plain stderr lines that look like errors. Undefined
 * for everything else (that goes only to the service's log file).
 */
export function errorSummary(line: string, stream: 'stdout' | 'stderr'): string | undefined {
  const entry = parseJsonObject(line);
  if (entry) {
    const level = typeof entry.level === 'number' ? entry.level : 0;
    if (level < ERROR_LEVEL) return undefined;
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    const err = entry.err as { message?: unknown } | undefined;
    const cause = typeof err?.message === 'string' && err.message !== msg ? `: ${err.message}` : '';
    const path = typeof entry.path === 'string' ? ` (${entry.path})` : '';
    return `${level >= FATAL_LEVEL ? 'fatal' : 'error'}: ${msg}${cause}${path}`;
  }
  if (stream === 'stderr' && LOOKS_LIKE_ERROR.test(line) && !STACK_FRAME.test(line))
    return line.trim();
  return undefined;
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
