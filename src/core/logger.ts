/** A small structured logger that never prints secrets: values under secret-looking keys are masked. */
import type { Logger } from './context.ts';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

const secretKey =
  /secret|token|password|passphrase|authorization|api[_-]?key|credential|master[_-]?key|cookie/i;

/** Returns a deep copy with every value under a secret-looking key replaced by "[redacted]". */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = secretKey.test(key) ? '[redacted]' : redact(inner, depth + 1);
  }
  return copy;
}

export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => console.error(line),
): Logger {
  const threshold = levels[level];
  const emit = (name: Exclude<LogLevel, 'silent'>, message: string, data?: Record<string, unknown>) => {
    if (levels[name] < threshold) return;
    write(
      JSON.stringify({
        level: name,
        time: new Date().toISOString(),
        message,
        ...(redact(data ?? {}) as object),
      }),
    );
  };
  return {
    debug: (message, data) => emit('debug', message, data),
    info: (message, data) => emit('info', message, data),
    warn: (message, data) => emit('warn', message, data),
    error: (message, data) => emit('error', message, data),
  };
}

export const silentLogger: Logger = createLogger('silent');
