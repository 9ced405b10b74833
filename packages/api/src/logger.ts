import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; secrets never reach them (the redact list covers what we carry). */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'consailt', ...base },
    redact: {
      paths: ['*.authorization', '*.cookie', '*.password', '*.token', '*.apiKey', 'req.headers'],
      censor: '[redacted]',
    },
  });
}
