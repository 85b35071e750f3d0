/**
 * One error type for everything the product reports on purpose. Each code maps to one HTTP status and
 * says whether a retry can help, so callers (HTTP, MCP, the agent, the CLI) never guess from a message.
 *
 * @example
 *   throw new AppError('not_found', 'No customer with that id in this business');
 */
export const errorCodes = {
  bad_request: { status: 400, retryable: false },
  unauthenticated: { status: 401, retryable: false },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  confirmation_required: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  unprocessable: { status: 422, retryable: false },
  rate_limited: { status: 429, retryable: true },
  internal: { status: 500, retryable: false },
  unavailable: { status: 503, retryable: true },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  /** Extra facts safe to show to the caller (never secrets). */
  details?: Record<string, unknown>;
  /** Seconds after which a retry may succeed. */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }

  get retryable(): boolean {
    return errorCodes[this.code].retryable;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown>; retryAfter?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
    };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
