/**
 * What went wrong talking to a vendor, in terms the health panel and the sync log can act on: each
 * reason has a plain-words explanation and the fix the owner is offered.
 */
import { AppError, type ErrorCode } from '../core/errors.ts';

export type ConnectorFailure =
  | 'credentials'
  | 'permission'
  | 'rate_limited'
  | 'vendor_down'
  | 'timeout'
  | 'malformed'
  | 'rejected'
  | 'not_found'
  | 'configuration';

export type Fix = 'reconnect' | 'rerun' | 'fix_mapping' | 'ignore' | 'wait';

interface FailureFacts {
  code: ErrorCode;
  retryable: boolean;
  fixes: readonly Fix[];
  health: 'orange' | 'red';
}

export const failureFacts: Record<ConnectorFailure, FailureFacts> = {
  credentials: { code: 'unauthenticated', retryable: false, fixes: ['reconnect', 'ignore'], health: 'red' },
  permission: { code: 'forbidden', retryable: false, fixes: ['reconnect', 'ignore'], health: 'red' },
  rate_limited: { code: 'rate_limited', retryable: true, fixes: ['wait', 'rerun'], health: 'orange' },
  vendor_down: { code: 'unavailable', retryable: true, fixes: ['rerun', 'ignore'], health: 'orange' },
  timeout: { code: 'unavailable', retryable: true, fixes: ['rerun', 'ignore'], health: 'orange' },
  malformed: { code: 'unavailable', retryable: true, fixes: ['rerun', 'ignore'], health: 'orange' },
  rejected: {
    code: 'unprocessable',
    retryable: false,
    fixes: ['fix_mapping', 'rerun', 'ignore'],
    health: 'orange',
  },
  not_found: { code: 'not_found', retryable: false, fixes: ['reconnect', 'ignore'], health: 'red' },
  configuration: { code: 'bad_request', retryable: false, fixes: ['reconnect', 'ignore'], health: 'red' },
};

export class ConnectorError extends AppError {
  readonly failure: ConnectorFailure;
  readonly vendorStatus: number | undefined;

  constructor(
    failure: ConnectorFailure,
    message: string,
    options: {
      status?: number;
      retryAfter?: number;
      cause?: unknown;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(failureFacts[failure].code, message, {
      retryAfter: options.retryAfter,
      cause: options.cause,
      details: { failure, ...(options.status ? { status: options.status } : {}), ...options.details },
    });
    this.name = 'ConnectorError';
    this.failure = failure;
    this.vendorStatus = options.status;
  }

  override get retryable(): boolean {
    return failureFacts[this.failure].retryable;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** Reads the failure behind any error thrown during a sync; unknown errors count as the vendor's. */
export function failureOf(error: unknown): ConnectorFailure {
  if (isConnectorError(error)) return error.failure;
  return 'vendor_down';
}
