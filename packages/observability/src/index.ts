import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logger. Buyer PII and secrets are redacted by key wherever they appear
 * (R-ONB-3): logs are copied to places the database's access rules do not reach.
 */
export const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.access_token',
  '*.refresh_token',
  '*.accessToken',
  '*.refreshToken',
  '*.app_secret',
  '*.phone',
  '*.phone_number',
  '*.recipient',
  '*.recipient_address',
  '*.address_lines',
  '*.name',
  '*.email',
];

export function createLogger(
  name: string,
  opts: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
    {
      name,
      level: opts.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: name },
    },
    opts.destination,
  );
}
