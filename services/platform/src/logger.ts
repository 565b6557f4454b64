// One logger for every process: pino, JSON lines, secrets redacted by key wherever they appear.
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

const REDACTED_KEYS = ['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'apiKey', 'credentials'];

export function createLogger(options: { service: string; level?: string } & Pick<LoggerOptions, 'base'>): Logger {
  return pino({
    name: options.service,
    level: options.level ?? 'info',
    base: { service: options.service, pid: process.pid, ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}

/** A connection URL safe to log: credentials removed. */
export function safeUrl(raw: string): string {
  try {
    const parsed = new URL(raw);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
