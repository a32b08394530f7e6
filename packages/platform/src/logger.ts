import pino, { type Logger } from 'pino';

/**
 * Structured logs. Tokens, caller headers and phone numbers are personal or secret: they are
 * redacted wherever they appear in a logged object.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        'req.headers.authorization',
        'headers["x-khg-caller"]',
        '*.headers["x-khg-caller"]',
        'token',
        '*.token',
        'phone',
        '*.phone',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
